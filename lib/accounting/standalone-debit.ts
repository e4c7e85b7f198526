/**
 * Money the processor takes FROM the bank, which a QuickBooks Deposit cannot express.
 *
 * NEGATIVE SETTLEMENT → JournalEntry. When refunds, chargebacks and fees of a settlement exceed
 * its sales, the processor debits the bank by |net|, and QuickBooks refuses a Deposit with a
 * negative total (fault 6000). We post one JournalEntry dated the deposit date that does exactly
 * what the Deposit would have done, in debits and credits: it credits the mapped bank account
 * |net| (the bank balance falls like the real bank), and for each settled item it reverses the
 * item's place: a posted or hand-entered sale/reversal is credited out of Undeposited Funds, a
 * refund/chargeback debited back into it (so Undeposited Funds returns to zero for them); an
 * item never posted (before the connection, in a pause) goes to the mapped revenue account; each
 * fee is debited to the mapped expense account. Debits = credits by construction (the items sum
 * to the net) and is asserted. One document per settlement keeps "exactly once" simple, with the
 * processor id on every line. The trade-off: QuickBooks does not mark the receipts as deposited
 * (no LinkedTxn on a JournalEntry), so they would still be offered on the Bank Deposit screen,
 * although their balance is already cleared; the deposit id on each line explains them.
 *
 * FEE DEBITED ON ITS OWN (monthly fee, in no deposit) → Purchase from the bank account:
 * AccountRef = mapped bank account, PaymentType "Cash" (the schema's value for a payment straight
 * from a bank account, no cheque number; "Check" would print as a cheque and "CreditCard" needs a
 * credit-card account), one AccountBasedExpenseLineDetail line to the mapped expense account,
 * TxnDate = the fee's business date, DocNumber from the fee's processor id, PrivateNote with it.
 * The bank falls and the expense rises by the fee, like the bank statement's debit.
 */
import { docNumberFor } from "./doc-number";
import { DepositImbalanceError, InvalidPostingInputError, JournalImbalanceError } from "./errors";
import { assertId, assertIsoDate, feeLabel, note, DESCRIPTION_MAX_LENGTH } from "./labels";
import { assertMinor, toQboAmount } from "./money";
import type { QboJournalEntry, QboJournalEntryLine, QboPurchase } from "./qbo-documents";
import { settlementEffects, sumMinor } from "./settlement-items";
import type { Fee, PostingContext, Settlement } from "./types";

export function buildNegativeSettlementEntry(settlement: Settlement, context: PostingContext): QboJournalEntry {
  const { deposit } = settlement;
  if (deposit.amountMinor >= 0) {
    throw new InvalidPostingInputError(`deposit ${deposit.processorId} has a net of ${deposit.amountMinor}: post it as a Deposit`);
  }
  const effects = settlementEffects(settlement, context);
  const total = sumMinor(effects);
  if (total !== deposit.amountMinor) throw new DepositImbalanceError(deposit.processorId, deposit.amountMinor, total);

  let debits = 0;
  let credits = 0;
  const line = (amountMinor: number, postingType: "Debit" | "Credit", accountId: string, description: string): QboJournalEntryLine => {
    if (postingType === "Debit") debits += amountMinor;
    else credits += amountMinor;
    return {
      DetailType: "JournalEntryLineDetail",
      Amount: toQboAmount(amountMinor),
      Description: note([description], DESCRIPTION_MAX_LENGTH),
      JournalEntryLineDetail: { PostingType: postingType, AccountRef: { value: accountId } },
    };
  };

  const lines: QboJournalEntryLine[] = [
    line(-deposit.amountMinor, "Credit", assertId(context.mapping.bankAccountId, "bank account id"), `${deposit.processorId} · processor debit from the bank`),
    // An item that would add to a deposit (+) leaves its account: credit; one that reduces it: debit.
    ...effects.map((e) => line(Math.abs(e.signedMinor), e.signedMinor > 0 ? "Credit" : "Debit", e.accountId, `${deposit.processorId} · ${e.description}`)),
  ];
  if (debits !== credits) throw new JournalImbalanceError(deposit.processorId, debits, credits);

  return {
    DocNumber: docNumberFor(deposit.processorId),
    TxnDate: assertIsoDate(deposit.depositDate, `deposit date of ${deposit.processorId}`),
    PrivateNote: note([deposit.processorId, "negative settlement: debited from the bank"]),
    ...(context.company.usesUsSalesTax ? {} : { GlobalTaxCalculation: "NotApplicable" as const }),
    Line: lines,
  };
}

export function buildStandaloneFeePurchase(fee: Fee, context: PostingContext): QboPurchase {
  assertMinor(fee.amountMinor, `amount of ${fee.processorId}`);
  if (fee.amountMinor <= 0) throw new InvalidPostingInputError(`amount of ${fee.processorId} must be positive, got ${fee.amountMinor}`);
  const label = feeLabel(fee.kind);
  return {
    DocNumber: docNumberFor(fee.processorId),
    TxnDate: assertIsoDate(fee.businessDate, `business date of ${fee.processorId}`),
    PrivateNote: note([fee.processorId, label]),
    AccountRef: { value: assertId(context.mapping.bankAccountId, "bank account id") },
    PaymentType: "Cash",
    ...(context.company.usesUsSalesTax ? {} : { GlobalTaxCalculation: "NotApplicable" as const }),
    Line: [
      {
        DetailType: "AccountBasedExpenseLineDetail",
        Amount: toQboAmount(fee.amountMinor),
        Description: note([fee.processorId, label], DESCRIPTION_MAX_LENGTH),
        AccountBasedExpenseLineDetail: { AccountRef: { value: assertId(context.mapping.expenseAccountId, "expense account id") } },
      },
    ],
  };
}
