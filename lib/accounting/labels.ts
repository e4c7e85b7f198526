/**
 * Human-readable text written into QuickBooks (PrivateNote, line descriptions). The card data
 * shown is never more than the brand and the last four digits.
 */
import { InvalidPostingInputError } from "./errors";
import type { CardBrand, FeeKind, IsoDate, TransactionKind } from "./types";

const PRIVATE_NOTE_MAX_LENGTH = 4000;
export const DESCRIPTION_MAX_LENGTH = 4000;

/** Card brand names as QuickBooks shows them (also the names of the PaymentMethods the sync creates). */
export const CARD_BRAND_NAMES: Record<CardBrand, string> = {
  visa: "Visa",
  mastercard: "Mastercard",
  amex: "American Express",
  discover: "Discover",
  interac: "Interac",
  jcb: "JCB",
  unionpay: "UnionPay",
  other: "Other card",
};

const KIND_LABELS: Record<TransactionKind, string> = {
  sale: "sale",
  refund: "refund",
  chargeback: "chargeback",
  chargeback_reversal: "chargeback reversal",
};

export function kindLabel(kind: TransactionKind): string {
  return KIND_LABELS[kind];
}

export function feeLabel(kind: FeeKind): string {
  return `${kind} fee`;
}

/** "Visa •••• 4242"; rejects anything but exactly four digits so a full PAN can never slip in. */
export function cardLabel(brand: CardBrand, last4: string): string {
  if (!/^\d{4}$/.test(last4)) throw new InvalidPostingInputError(`last4 must be exactly 4 digits`);
  return `${CARD_BRAND_NAMES[brand] ?? CARD_BRAND_NAMES.other} •••• ${last4}`;
}

/** Joins parts with " · " and checks QuickBooks' length limit (processor ids are ≤ 128 characters). */
export function note(parts: readonly string[], max = PRIVATE_NOTE_MAX_LENGTH): string {
  const text = parts.join(" · ");
  if (text.length > max) throw new InvalidPostingInputError(`text of ${text.length} characters exceeds QuickBooks' ${max}`);
  return text;
}

export function assertIsoDate(date: IsoDate, what: string): IsoDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  // Round-trip through a UTC date so 2026-02-30 is refused, not rolled over to March.
  const real = match !== null && new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))).toISOString().slice(0, 10) === date;
  if (!real) throw new InvalidPostingInputError(`${what} must be a YYYY-MM-DD date, got ${JSON.stringify(date)}`);
  return date;
}

export function assertId(id: string | undefined, what: string): string {
  if (typeof id !== "string" || id.length === 0) throw new InvalidPostingInputError(`${what} is required`);
  return id;
}
