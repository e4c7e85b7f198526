/**
 * Which QuickBooks document a settlement or a standalone fee becomes, with the entity name the
 * engine POSTs it to. lib/accounting is pure: no I/O, no database, no clock. The sync engine
 * resolves every QuickBooks id into a PostingContext, calls these builders, and POSTs `body` to
 * `entity`.
 */
import { buildDeposit } from "./deposit";
import type { PostingDocument } from "./qbo-documents";
import { buildNegativeSettlementEntry, buildStandaloneFeePurchase } from "./standalone-debit";
import type { Fee, PostingContext, Settlement } from "./types";

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
