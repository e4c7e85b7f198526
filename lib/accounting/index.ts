/**
 * lib/accounting: processor records + mapping in, QuickBooks Online JSON out. Pure functions:
 * no I/O, no database, no clock. The sync engine resolves every QuickBooks id into a
 * PostingContext, calls these builders, and POSTs `body` to `entity`.
 */
import { buildDeposit } from "./deposit";
import type { PostingDocument } from "./qbo-documents";
import { buildNegativeSettlementEntry, buildStandaloneFeePurchase } from "./standalone-debit";
import type { Fee, PostingContext, Settlement } from "./types";

export * from "./types";
export * from "./qbo-documents";
export * from "./errors";
export { toQboAmount, fromQboAmount, formatMinor, MINOR_PER_MAJOR } from "./money";
export { CARD_BRAND_NAMES } from "./labels";
export { docNumberFor, isHashedDocNumber, DOC_NUMBER_MAX_LENGTH } from "./doc-number";
export { splitTaxInclusive, taxSplitOf, allocateTax, type TaxSplit } from "./tax-split";
export { buildReceipt, buildSalesReceipt, buildRefundReceipt, receiptEntityFor, type ReceiptEntity } from "./receipt";
export { buildDeposit } from "./deposit";
export { buildNegativeSettlementEntry, buildStandaloneFeePurchase } from "./standalone-debit";
export { settlementEffects, directionOf, type SettlementEffect } from "./settlement-items";
export { journalOf, depositTieOut, roleOfAccount, type JournalView, type JournalLine, type JournalAccountRole, type DepositTieOut } from "./journal";

/** A settlement as QuickBooks can take it: a Deposit when its net is ≥ 0, else a JournalEntry. */
export function buildSettlementDocument(
  settlement: Settlement,
  context: PostingContext,
): Extract<PostingDocument, { entity: "Deposit" | "JournalEntry" }> {
  return settlement.deposit.amountMinor >= 0
    ? { entity: "Deposit", body: buildDeposit(settlement, context) }
    : { entity: "JournalEntry", body: buildNegativeSettlementEntry(settlement, context) };
}

/** A fee debited from the bank on its own (in no deposit): a Purchase from the bank account. */
export function buildStandaloneFeeDocument(fee: Fee, context: PostingContext): Extract<PostingDocument, { entity: "Purchase" }> {
  return { entity: "Purchase", body: buildStandaloneFeePurchase(fee, context) };
}
