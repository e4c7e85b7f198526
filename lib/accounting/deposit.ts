import { docNumberFor } from "./doc-number";
import { DepositImbalanceError, InvalidPostingInputError, NegativeDepositError } from "./errors";
import { assertId, assertIsoDate, note } from "./labels";
import { toQboAmount } from "./money";
import type { QboDeposit, QboDepositLine } from "./qbo-documents";
import { settlementEffects, sumMinor } from "./settlement-items";
import type { PostingContext, Settlement } from "./types";

/**
 * A settlement deposit with a net ≥ 0 → a Deposit into the mapped bank account whose TotalAmt
 * (Σ lines, computed by QuickBooks) is exactly what the processor paid:
 * - one linked line per receipt we posted: `{Amount, LinkedTxn:[{TxnId, TxnType, TxnLineId:"0"}]}`,
 *   no DetailType (QuickBooks then asks for an AccountRef). A SalesReceipt's line is +TotalAmt,
 *   a RefundReceipt's −TotalAmt: a refund from Undeposited Funds reduces what is deposited.
 * - one negative DepositLineDetail line per fee, to the mapped expense account;
 * - a direct line per transaction never posted (revenue account) or resolved by hand
 *   (Undeposited Funds), labeled with its processor id.
 * A zero net is still a Deposit (QuickBooks allows a zero total; it clears the receipts). A
 * negative net cannot be a Deposit (fault 6000): see standalone-debit.ts.
 */
export function buildDeposit(settlement: Settlement, context: PostingContext): QboDeposit {
  const { deposit } = settlement;
  if (deposit.amountMinor < 0) throw new NegativeDepositError(deposit.processorId, deposit.amountMinor);
  const effects = settlementEffects(settlement, context);
  if (effects.length === 0) throw new InvalidPostingInputError(`deposit ${deposit.processorId} settles nothing: a Deposit needs a line`);
  const total = sumMinor(effects);
  if (total !== deposit.amountMinor) throw new DepositImbalanceError(deposit.processorId, deposit.amountMinor, total);

  const lines: QboDepositLine[] = effects.map((effect) =>
    effect.linked
      ? { Amount: toQboAmount(effect.signedMinor), LinkedTxn: [{ TxnId: effect.linked.txnId, TxnType: effect.linked.txnType, TxnLineId: "0" }] }
      : {
          DetailType: "DepositLineDetail",
          Amount: toQboAmount(effect.signedMinor),
          Description: effect.description,
          DepositLineDetail: { AccountRef: { value: effect.accountId } },
        },
  );

  return {
    // QuickBooks' Deposit reference does not list DocNumber (the schema has it): PrivateNote is
    // the dependable place for the id; DocNumber is sent too so a lookup can try it.
    DocNumber: docNumberFor(deposit.processorId),
    TxnDate: assertIsoDate(deposit.depositDate, `deposit date of ${deposit.processorId}`),
    PrivateNote: note([deposit.processorId]),
    DepositToAccountRef: { value: assertId(context.mapping.bankAccountId, "bank account id") },
    // Processor money carries no tax of its own; non-US companies need the model stated.
    ...(context.company.usesUsSalesTax ? {} : { GlobalTaxCalculation: "NotApplicable" as const }),
    Line: lines,
  };
}
