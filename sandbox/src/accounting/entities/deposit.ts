/**
 * Deposit: moves receipts held in Undeposited Funds into a bank account (lines with LinkedTxn)
 * and records direct money in or out (DepositLineDetail lines; processor fees are negative lines
 * to an expense account). QuickBooks' rules: a linked transaction must have gone to Undeposited
 * Funds and can be deposited once; the net deposit cannot be negative.
 */
import { type CompanyBooks, type Entity, getEntity } from "../books";
import { businessValidation, invalidEnumeration, invalidReference, requiredMissing } from "../faults";
import { type Ref, compact, isObject, optNumber, optRef, optString } from "../fields";
import type { Posting } from "../ledger";
import { fromCents, toCents } from "../money";
import { resolveActive } from "../refs";
import { readGlobalTaxCalculation } from "../tax";
import { currencyRef, depositAccount, isUndepositedFunds, optResolved, readLines, reqAmountCents, txnHeader } from "./txn-common";
import type { BuildContext, EntityDef, Fields } from "./types";

/** Transaction types a deposit line may link (reference/qbo-api.md §3.9); the sandbox stores the first two. */
const LINKABLE = ["SalesReceipt", "RefundReceipt", "Payment", "JournalEntry", "Transfer"];
/** Account types a direct deposit line may post to: anything but the A/R and A/P control accounts. */
const NOT_FOR_DIRECT_LINES = new Set(["Accounts Receivable", "Accounts Payable"]);

function linkedLine(books: CompanyBooks, line: Fields, element: string, depositId: string | undefined, seen: Set<string>): { out: Fields; from: string; cents: number } {
  const linked = (line.LinkedTxn as unknown[])[0];
  if (!isObject(linked)) throw requiredMissing(`${element}.LinkedTxn.TxnId`);
  const txnId = linked.TxnId === undefined || linked.TxnId === null ? undefined : String(linked.TxnId);
  if (!txnId) throw requiredMissing(`${element}.LinkedTxn.TxnId`);
  const txnType = linked.TxnType;
  if (txnType === undefined) throw requiredMissing(`${element}.LinkedTxn.TxnType`);
  if (!LINKABLE.includes(txnType as string)) throw invalidEnumeration(`${element}.LinkedTxn.TxnType`, txnType);
  const txn = txnType === "SalesReceipt" || txnType === "RefundReceipt" ? getEntity(books, txnType, txnId) : undefined;
  if (!txn) throw invalidReference(`${element}.LinkedTxn.TxnId`, `${String(txnType)} ${txnId}`);
  const key = `${txnType}:${txnId}`;
  if (books.voided?.[key]) throw businessValidation(`${String(txnType)} ${txnId} is voided and cannot be deposited.`, `${element}.LinkedTxn`);
  const from = (txn.DepositToAccountRef as Ref).value;
  if (!isUndepositedFunds(books, from)) {
    throw businessValidation(`${String(txnType)} ${txnId} was not received into Undeposited Funds, so it cannot be linked to a deposit.`, `${element}.LinkedTxn`);
  }
  const holder = books.deposited[key];
  if ((holder && holder !== depositId) || seen.has(key)) {
    throw businessValidation(`${String(txnType)} ${txnId} has already been deposited. A transaction can be linked to one deposit only, once.`, `${element}.LinkedTxn`);
  }
  seen.add(key);
  // A refund paid out of Undeposited Funds reduces the deposit: its line is negative.
  const signed = toCents(Number(txn.TotalAmt ?? 0)) * (txnType === "RefundReceipt" ? -1 : 1);
  const sent = optNumber(line, "Amount", `${element}.Amount`);
  if (sent !== undefined && Math.abs(toCents(sent)) !== Math.abs(signed)) {
    throw businessValidation(`The amount ${sent} of the line linking ${String(txnType)} ${txnId} must equal the transaction's amount ${fromCents(Math.abs(signed))}.`, `${element}.Amount`);
  }
  return {
    out: { Amount: fromCents(signed), LinkedTxn: [{ TxnId: txnId, TxnType: txnType, TxnLineId: linked.TxnLineId === undefined ? "0" : String(linked.TxnLineId) }] },
    from,
    cents: signed,
  };
}

function directLine(books: CompanyBooks, line: Fields, element: string): { out: Fields; cents: number } {
  const detail = line.DepositLineDetail;
  if (!isObject(detail) || detail.AccountRef === undefined || detail.AccountRef === null) throw requiredMissing(`${element}.DepositLineDetail.AccountRef`);
  const accountRef = optRef(detail, "AccountRef", `${element}.DepositLineDetail.AccountRef`)!;
  const account = resolveActive(books, "Account", accountRef, `${element}.DepositLineDetail.AccountRef`);
  if (NOT_FOR_DIRECT_LINES.has(account.entity.AccountType as string)) {
    throw businessValidation(`A deposit line cannot post to ${String(account.entity.Name)} (${String(account.entity.AccountType)}).`, `${element}.DepositLineDetail.AccountRef`);
  }
  const cents = reqAmountCents(line, element);
  const taxApplicableOn = detail.TaxApplicableOn;
  if (taxApplicableOn !== undefined && taxApplicableOn !== "Sales" && taxApplicableOn !== "Purchase") throw invalidEnumeration(`${element}.DepositLineDetail.TaxApplicableOn`, taxApplicableOn);
  return {
    out: compact({
      Amount: fromCents(cents),
      Description: optString(line, "Description", 4000, `${element}.Description`),
      DetailType: "DepositLineDetail",
      DepositLineDetail: compact({
        Entity: optResolved(books, "Customer", detail, "Entity", `${element}.DepositLineDetail.Entity`),
        AccountRef: account.ref,
        PaymentMethodRef: optResolved(books, "PaymentMethod", detail, "PaymentMethodRef", `${element}.DepositLineDetail.PaymentMethodRef`),
        CheckNum: optString(detail, "CheckNum", 21, `${element}.DepositLineDetail.CheckNum`),
        TaxCodeRef: optResolved(books, "TaxCode", detail, "TaxCodeRef", `${element}.DepositLineDetail.TaxCodeRef`),
        TaxApplicableOn: taxApplicableOn,
      }),
    }),
    cents,
  };
}

function build(ctx: BuildContext, input: Fields): Fields {
  const { books, previous } = ctx;
  const header = txnHeader(ctx, input);
  if (input.DepositToAccountRef === undefined || input.DepositToAccountRef === null) throw requiredMissing("DepositToAccountRef");
  // QuickBooks' own words for a deposit into anything but a bank or other current asset.
  const target = depositAccount(books, input, "DepositToAccountRef", "Select a bank account for this deposit.");
  const lines = readLines(input);
  if (lines.length === 0) throw requiredMissing("Line");
  const seen = new Set<string>();
  let total = 0;
  const out = lines.map((line, i) => {
    const element = `Line[${i}]`;
    const isLinked = Array.isArray(line.LinkedTxn) && line.LinkedTxn.length > 0;
    const r = isLinked ? linkedLine(books, line, element, previous?.Id, seen) : directLine(books, line, element);
    total += r.cents;
    return { Id: String(i + 1), LineNum: i + 1, ...r.out };
  });

  let cashBack: Fields | undefined;
  if (isObject(input.CashBack)) {
    const cb = input.CashBack;
    const ref = optRef(cb, "AccountRef", "CashBack.AccountRef");
    if (!ref) throw requiredMissing("CashBack.AccountRef");
    const amount = optNumber(cb, "Amount", "CashBack.Amount");
    if (amount === undefined) throw requiredMissing("CashBack.Amount");
    const account = resolveActive(books, "Account", ref, "CashBack.AccountRef");
    if (account.entity.Classification !== "Asset") throw businessValidation("Cash back must go to an asset account.", "CashBack.AccountRef");
    cashBack = compact({ AccountRef: account.ref, Amount: amount, Memo: optString(cb, "Memo", 4000, "CashBack.Memo") });
    total -= toCents(amount);
  }
  if (total < 0) {
    throw businessValidation("You can't deposit a negative value entry by itself. The net deposit must be a value greater than or equal to zero.", "TotalAmt");
  }
  return compact({
    ...header,
    Line: out,
    DepositToAccountRef: target.ref,
    CashBack: cashBack,
    GlobalTaxCalculation: books.country === "US" ? undefined : readGlobalTaxCalculation(input, false),
    TotalAmt: fromCents(total),
    CurrencyRef: currencyRef(books),
  });
}

/** Debit the bank by the total; credit Undeposited Funds per linked receipt and each direct line's account. */
function postings(books: CompanyBooks, entity: Entity): Posting[] {
  const out: Posting[] = [{ account: (entity.DepositToAccountRef as Ref).value, cents: toCents(Number(entity.TotalAmt)) }];
  for (const line of entity.Line as Fields[]) {
    const cents = toCents(Number(line.Amount ?? 0));
    if (Array.isArray(line.LinkedTxn)) {
      const link = line.LinkedTxn[0] as Fields;
      const txn = getEntity(books, String(link.TxnType), String(link.TxnId));
      const from = (txn?.DepositToAccountRef as Ref | undefined)?.value ?? books.systemAccounts.undepositedFunds;
      out.push({ account: from, cents: -cents });
    } else {
      out.push({ account: ((line.DepositLineDetail as Fields).AccountRef as Ref).value, cents: -cents });
    }
  }
  const cb = entity.CashBack as Fields | undefined;
  if (cb) out.push({ account: (cb.AccountRef as Ref).value, cents: toCents(Number(cb.Amount)) });
  return out;
}

/** Keeps books.deposited (receipt → deposit) in step with the deposit's linked lines. */
function afterWrite(books: CompanyBooks, entity: Entity | undefined, previous: Entity | undefined): void {
  const id = entity?.Id ?? previous?.Id;
  for (const [key, holder] of Object.entries(books.deposited)) if (holder === id) delete books.deposited[key];
  if (!entity) return;
  for (const line of entity.Line as Fields[]) {
    if (!Array.isArray(line.LinkedTxn)) continue;
    const link = line.LinkedTxn[0] as Fields;
    books.deposited[`${String(link.TxnType)}:${String(link.TxnId)}`] = entity.Id;
  }
}

export const depositDef: EntityDef = {
  name: "Deposit",
  kind: "transaction",
  build,
  postings,
  afterWrite,
  deletable: true,
  filterable: ["Id", "DocNumber", "TxnDate", "TotalAmt", "DepositToAccountRef", "MetaData.CreateTime", "MetaData.LastUpdatedTime"],
  sortable: ["Id", "DocNumber", "TxnDate", "TotalAmt", "MetaData.CreateTime", "MetaData.LastUpdatedTime"],
};
