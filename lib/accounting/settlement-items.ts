import { InvalidPostingInputError } from "./errors";
import { assertId, feeLabel, kindLabel, note, DESCRIPTION_MAX_LENGTH } from "./labels";
import { assertMinor } from "./money";
import { receiptEntityFor } from "./receipt";
import type { PostingContext, Settlement, TransactionKind } from "./types";

/**
 * What each item of a settlement does to the money that reaches the bank, shared by the Deposit
 * (deposit.ts) and, for a negative net, the JournalEntry (standalone-debit.ts), so both documents
 * tie out the same way.
 *
 * `signedMinor` is the item's effect on the net paid: sales and reversals +, refunds,
 * chargebacks and fees −. `accountId` is where that money comes from: Undeposited Funds for a
 * receipt that went there (posted by us, or entered by hand and marked Resolved), the mapped
 * revenue account for a transaction never posted (before the connection day, or inside a pause),
 * the mapped expense account for a fee. Σ signedMinor must equal the deposit's amount.
 */
export interface SettlementEffect {
  processorId: string;
  signedMinor: number;
  accountId: string;
  description: string;
  /** Set when the item is a receipt we posted: a Deposit links it instead of naming an account. */
  linked?: { txnId: string; txnType: "SalesReceipt" | "RefundReceipt" };
}

export function directionOf(kind: TransactionKind): 1 | -1 {
  return kind === "sale" || kind === "chargeback_reversal" ? 1 : -1;
}

export function settlementEffects(settlement: Settlement, context: PostingContext): SettlementEffect[] {
  const { deposit } = settlement;
  assertMinor(deposit.amountMinor, `amount of deposit ${deposit.processorId}`);
  const seen = new Set<string>();
  const once = (processorId: string, what: string) => {
    const key = `${what}:${processorId}`;
    if (seen.has(key)) throw new InvalidPostingInputError(`deposit ${deposit.processorId} lists ${what} ${processorId} twice`);
    seen.add(key);
  };
  const positive = (amount: number, who: string) => {
    assertMinor(amount, `amount of ${who}`);
    if (amount <= 0) throw new InvalidPostingInputError(`amount of ${who} must be positive, got ${amount}`);
    return amount;
  };
  const undepositedFunds = () => assertId(context.undepositedFundsAccountId, "Undeposited Funds account id");

  const effects: SettlementEffect[] = [];
  for (const { transaction, posting } of settlement.transactions) {
    const { processorId, kind } = transaction;
    once(processorId, "transaction");
    const signedMinor = directionOf(kind) * positive(transaction.amountMinor, processorId);
    const label = kindLabel(kind);
    switch (posting.status) {
      case "posted":
        effects.push({
          processorId,
          signedMinor,
          accountId: undepositedFunds(),
          description: note([processorId, label], DESCRIPTION_MAX_LENGTH),
          linked: { txnId: assertId(posting.qboTxnId, `QuickBooks id of ${processorId}`), txnType: receiptEntityFor(kind) },
        });
        break;
      case "resolved":
        effects.push({
          processorId,
          signedMinor,
          accountId: undepositedFunds(),
          description: note([processorId, label, "entered by hand in QuickBooks"], DESCRIPTION_MAX_LENGTH),
        });
        break;
      case "before_connection":
      case "paused":
        effects.push({
          processorId,
          signedMinor,
          accountId: assertId(context.mapping.revenueAccountId, "revenue account id"),
          description: note(
            [processorId, label, posting.status === "paused" ? "not posted: dated inside a pause" : "not posted: dated before the QuickBooks connection"],
            DESCRIPTION_MAX_LENGTH,
          ),
        });
        break;
      default: {
        const unknown: never = posting;
        throw new InvalidPostingInputError(`unknown posting status ${JSON.stringify(unknown)}`);
      }
    }
  }
  for (const fee of settlement.fees) {
    once(fee.processorId, "fee");
    effects.push({
      processorId: fee.processorId,
      signedMinor: -positive(fee.amountMinor, fee.processorId),
      accountId: assertId(context.mapping.expenseAccountId, "expense account id"),
      description: note([fee.processorId, feeLabel(fee.kind)], DESCRIPTION_MAX_LENGTH),
    });
  }
  return effects;
}

export function sumMinor(effects: readonly SettlementEffect[]): number {
  const total = effects.reduce((sum, e) => sum + e.signedMinor, 0);
  assertMinor(total, "settlement total");
  return total;
}
