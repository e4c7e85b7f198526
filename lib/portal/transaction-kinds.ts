/**
 * The kinds of card transaction, in display order. Kept free of imports so client components can
 * use it; transactions.ts checks at compile time that it matches the database enum.
 */
export const TRANSACTION_KINDS = ["sale", "refund", "chargeback", "chargeback_reversal"] as const;
export type TransactionKind = (typeof TRANSACTION_KINDS)[number];

/** Money leaves the merchant on these kinds; amounts are stored positive and the kind gives the direction. */
const OUTGOING: ReadonlySet<TransactionKind> = new Set(["refund", "chargeback"]);

/** The amount as the merchant sees it: sales and reversals add, refunds and chargebacks subtract. */
export function signedAmountMinor(kind: TransactionKind, amountMinor: number): number {
  return OUTGOING.has(kind) ? -amountMinor : amountMinor;
}
