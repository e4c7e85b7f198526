/**
 * The double entry a QuickBooks document produces, for people who think in debits and credits
 * (the accountant's preview). Pure: it reads the document exactly as the builders made it (the
 * same JSON the engine POSTs) and the context that names the accounts, so what it shows is what
 * QuickBooks will book.
 *
 * - SalesReceipt: debit Undeposited Funds the total; credit the revenue account (the service
 *   item's income account) the net and sales tax payable the tax.
 * - RefundReceipt: the same, reversed.
 * - Deposit: debit the bank its total; each line credits where its money comes from (a linked
 *   SalesReceipt: Undeposited Funds), a negative line (a linked RefundReceipt, a fee) debits it.
 * - JournalEntry: its own lines.
 * - Purchase: credit the paying account, debit each expense line.
 */
import { JournalImbalanceError } from "./errors";
import { fromQboAmount } from "./money";
import type { PostingDocument } from "./qbo-documents";
import { directionOf } from "./settlement-items";
import type { PostingContext, Settlement } from "./types";

/** Which mapped account a journal line touches (the UI names it; `other` is shown by id). */
type JournalAccountRole = "bank" | "revenue" | "expense" | "undeposited_funds" | "sales_tax" | "other";

interface JournalLine {
  role: JournalAccountRole;
  /** QuickBooks account id; for sales tax the TaxRate id when known, else the tax code id. */
  accountId: string;
  debitMinor: number;
  creditMinor: number;
}

export interface JournalView {
  lines: JournalLine[];
  totalDebitMinor: number;
  totalCreditMinor: number;
}

function roleOfAccount(accountId: string, context: PostingContext): JournalAccountRole {
  const { mapping } = context;
  if (accountId === mapping.bankAccountId) return "bank";
  if (accountId === context.undepositedFundsAccountId) return "undeposited_funds";
  if (accountId === mapping.revenueAccountId) return "revenue";
  if (accountId === mapping.expenseAccountId) return "expense";
  return "other";
}

export function journalOf(document: PostingDocument, context: PostingContext): JournalView {
  const lines: JournalLine[] = [];
  /** Signed: a positive amount is a debit, a negative one a credit. */
  const post = (accountId: string, signedMinor: number, role: JournalAccountRole = roleOfAccount(accountId, context)) => {
    if (signedMinor === 0) return;
    lines.push({ role, accountId, debitMinor: signedMinor > 0 ? signedMinor : 0, creditMinor: signedMinor < 0 ? -signedMinor : 0 });
  };

  switch (document.entity) {
    case "SalesReceipt":
    case "RefundReceipt": {
      const body = document.body;
      // Money in (SalesReceipt) debits Undeposited Funds; money out (RefundReceipt) credits it.
      const sign = document.entity === "SalesReceipt" ? 1 : -1;
      const net = body.Line.reduce((sum, line) => sum + fromQboAmount(line.Amount), 0);
      const tax = fromQboAmount(body.TxnTaxDetail.TotalTax);
      post(body.DepositToAccountRef.value, sign * (net + tax));
      // The service item's income account is the mapped revenue account (see lib/sync/references).
      post(context.mapping.revenueAccountId, -sign * net, "revenue");
      const taxLines = body.TxnTaxDetail.TaxLine ?? [];
      if (taxLines.length > 0) {
        for (const taxLine of taxLines) post(taxLine.TaxLineDetail.TaxRateRef.value, -sign * fromQboAmount(taxLine.Amount), "sales_tax");
      } else {
        post(body.TxnTaxDetail.TxnTaxCodeRef?.value ?? context.mapping.taxCodeId, -sign * tax, "sales_tax");
      }
      break;
    }
    case "Deposit": {
      const body = document.body;
      const total = body.Line.reduce((sum, line) => sum + fromQboAmount(line.Amount), 0);
      post(body.DepositToAccountRef.value, total);
      for (const line of body.Line) {
        const accountId = "LinkedTxn" in line ? context.undepositedFundsAccountId : line.DepositLineDetail.AccountRef.value;
        post(accountId, -fromQboAmount(line.Amount));
      }
      break;
    }
    case "JournalEntry":
      for (const line of document.body.Line) {
        const amount = fromQboAmount(line.Amount);
        post(line.JournalEntryLineDetail.AccountRef.value, line.JournalEntryLineDetail.PostingType === "Debit" ? amount : -amount);
      }
      break;
    case "Purchase": {
      const body = document.body;
      let total = 0;
      for (const line of body.Line) {
        const amount = fromQboAmount(line.Amount);
        total += amount;
        post(line.AccountBasedExpenseLineDetail.AccountRef.value, amount);
      }
      post(body.AccountRef.value, -total);
      break;
    }
  }

  const merged = mergeLines(lines);
  const totalDebitMinor = merged.reduce((sum, l) => sum + l.debitMinor, 0);
  const totalCreditMinor = merged.reduce((sum, l) => sum + l.creditMinor, 0);
  if (totalDebitMinor !== totalCreditMinor) throw new JournalImbalanceError(document.body.DocNumber, totalDebitMinor, totalCreditMinor);
  return { lines: merged, totalDebitMinor, totalCreditMinor };
}

/** One line per account and side, in first-seen order: how a ledger shows a document's entry. */
function mergeLines(lines: JournalLine[]): JournalLine[] {
  const out: JournalLine[] = [];
  for (const line of lines) {
    const side = line.debitMinor > 0 ? "debitMinor" : "creditMinor";
    const same = out.find((l) => l.accountId === line.accountId && l.role === line.role && l[side] > 0);
    if (same) same[side] += line[side];
    else out.push({ ...line });
  }
  return out;
}

/** A settlement's tie-out: receipts (net of refunds and chargebacks) − fees = paid to the bank. */
export interface DepositTieOut {
  receiptsMinor: number;
  feesMinor: number;
  netMinor: number;
  paidToBankMinor: number;
  ties: boolean;
}

export function depositTieOut(settlement: Settlement): DepositTieOut {
  const receiptsMinor = settlement.transactions.reduce((sum, { transaction }) => sum + directionOf(transaction.kind) * transaction.amountMinor, 0);
  const feesMinor = settlement.fees.reduce((sum, fee) => sum + fee.amountMinor, 0);
  const netMinor = receiptsMinor - feesMinor;
  return { receiptsMinor, feesMinor, netMinor, paidToBankMinor: settlement.deposit.amountMinor, ties: netMinor === settlement.deposit.amountMinor };
}
