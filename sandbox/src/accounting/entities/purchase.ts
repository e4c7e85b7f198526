import type { CompanyBooks, Entity } from "../books";
import { businessValidation, invalidEnumeration, requiredMissing } from "../faults";
import { type Ref, compact, isObject, optBool, optRef, optString, reqRef } from "../fields";
import type { Posting } from "../ledger";
import { fromCents, toCents } from "../money";
import { resolveActive } from "../refs";
import { computeGlobalTax, readGlobalTaxCalculation } from "../tax";
import { currencyRef, optResolved, readLines, reqAmountCents, txnHeader } from "./txn-common";
import type { BuildContext, EntityDef, Fields } from "./types";

/**
 * Purchase (an expense paid from a bank, cash or credit card account): credits AccountRef by the
 * total and debits each line's expense account. Credit: true is a refund and posts the reverse.
 * Outside the US, line tax codes with GlobalTaxCalculation recover purchase tax (debit the agency's
 * liability, as QuickBooks' input tax credits do).
 */
const PAYMENT_TYPES = ["Cash", "Check", "CreditCard"];

function build(ctx: BuildContext, input: Fields): Fields {
  const { books } = ctx;
  const header = txnHeader(ctx, input);
  const paymentType = input.PaymentType;
  if (paymentType === undefined || paymentType === null) throw requiredMissing("PaymentType");
  if (!PAYMENT_TYPES.includes(paymentType as string)) throw invalidEnumeration("PaymentType", paymentType);
  const account = resolveActive(books, "Account", reqRef(input, "AccountRef"), "AccountRef");
  const type = account.entity.AccountType;
  const fits = paymentType === "CreditCard" ? type === "Credit Card" : type === "Bank" || type === "Other Current Asset" || type === "Credit Card";
  if (!fits) throw businessValidation(`A ${String(paymentType)} purchase cannot be paid from ${String(account.entity.Name)} (${String(type)}).`, "AccountRef");

  const lines = readLines(input).map((line, i) => {
    const element = `Line[${i}]`;
    if (line.DetailType !== "AccountBasedExpenseLineDetail") {
      if (line.DetailType === undefined) throw requiredMissing(`${element}.DetailType`);
      throw invalidEnumeration(`${element}.DetailType`, line.DetailType);
    }
    const detail = line.AccountBasedExpenseLineDetail;
    if (!isObject(detail) || !detail.AccountRef) throw requiredMissing(`${element}.AccountBasedExpenseLineDetail.AccountRef`);
    const expense = resolveActive(books, "Account", optRef(detail, "AccountRef")!, `${element}.AccountBasedExpenseLineDetail.AccountRef`);
    const billable = detail.BillableStatus;
    if (billable !== undefined && !["Billable", "NotBillable", "HasBeenBilled"].includes(billable as string)) throw invalidEnumeration(`${element}.AccountBasedExpenseLineDetail.BillableStatus`, billable);
    return {
      element, line, detail, expense,
      cents: reqAmountCents(line, element),
      taxCode: optRef(detail, "TaxCodeRef", `${element}.AccountBasedExpenseLineDetail.TaxCodeRef`),
      billable,
    };
  });
  if (lines.length === 0) throw requiredMissing("Line");

  const gtc = books.country === "US" ? undefined : readGlobalTaxCalculation(input, false);
  const tax = books.country === "US"
    ? undefined
    : computeGlobalTax(books, lines.map((l) => ({ amountCents: l.cents, taxCode: l.taxCode, element: `${l.element}.AccountBasedExpenseLineDetail` })), input.TxnTaxDetail, gtc, "purchase");
  let net = 0;
  const out = lines.map((l, i) => {
    const taxed = tax?.lines[i];
    const cents = taxed?.netCents ?? l.cents;
    net += cents;
    return compact({
      Id: String(i + 1),
      LineNum: i + 1,
      Description: optString(l.line, "Description", 4000, `${l.element}.Description`),
      Amount: fromCents(cents),
      DetailType: "AccountBasedExpenseLineDetail",
      AccountBasedExpenseLineDetail: compact({
        CustomerRef: optResolved(books, "Customer", l.detail, "CustomerRef", `${l.element}.AccountBasedExpenseLineDetail.CustomerRef`),
        AccountRef: l.expense.ref,
        BillableStatus: l.billable ?? "NotBillable",
        TaxCodeRef: books.country === "US" ? undefined : taxed?.taxCode,
      }),
    });
  });
  const taxCents = tax?.totalTaxCents ?? 0;
  return compact({
    ...header,
    Line: out,
    AccountRef: account.ref,
    PaymentType: paymentType,
    EntityRef: optResolved(books, "Customer", input, "EntityRef"),
    Credit: optBool(input, "Credit") ?? false,
    GlobalTaxCalculation: gtc,
    TxnTaxDetail: tax?.txnTaxDetail,
    TotalAmt: fromCents(net + taxCents),
    PaymentMethodRef: optResolved(books, "PaymentMethod", input, "PaymentMethodRef"),
    CurrencyRef: currencyRef(books),
  });
}

function postings(books: CompanyBooks, entity: Entity): Posting[] {
  const sign = entity.Credit === true ? -1 : 1;
  const total = toCents(Number(entity.TotalAmt));
  const out: Posting[] = [{ account: (entity.AccountRef as Ref).value, cents: -sign * total }];
  let debited = 0;
  for (const line of entity.Line as Fields[]) {
    const cents = toCents(Number(line.Amount ?? 0));
    out.push({ account: ((line.AccountBasedExpenseLineDetail as Fields).AccountRef as Ref).value, cents: sign * cents });
    debited += cents;
  }
  // Recoverable purchase tax reduces what is owed to the agency.
  const taxLines = ((entity.TxnTaxDetail as Fields | undefined)?.TaxLine as Fields[] | undefined) ?? [];
  for (const t of taxLines) {
    const cents = toCents(Number(t.Amount ?? 0));
    const rate = books.entities.TaxRate?.[((t.TaxLineDetail as Fields).TaxRateRef as Ref).value];
    const agency = (rate?.AgencyRef as Ref | undefined)?.value;
    out.push({ account: (agency && books.taxLiabilityAccounts[agency]) || books.systemAccounts.salesTaxPayable, cents: sign * cents });
    debited += cents;
  }
  if (total !== debited) out.push({ account: books.systemAccounts.salesTaxPayable, cents: sign * (total - debited) });
  return out;
}

export const purchaseDef: EntityDef = {
  name: "Purchase",
  kind: "transaction",
  build,
  postings,
  deletable: true,
  uniqueDocNumber: true,
  filterable: ["Id", "DocNumber", "TxnDate", "TotalAmt", "PaymentType", "Credit", "MetaData.CreateTime", "MetaData.LastUpdatedTime"],
  sortable: ["Id", "DocNumber", "TxnDate", "TotalAmt", "MetaData.CreateTime", "MetaData.LastUpdatedTime"],
};
