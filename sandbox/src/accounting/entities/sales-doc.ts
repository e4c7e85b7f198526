import { type CompanyBooks, type Entity, getEntity } from "../books";
import { invalidEnumeration, invalidReference, QboFault, requiredMissing } from "../faults";
import { type Ref, compact, isObject, optNumber, optRef, optString } from "../fields";
import type { Posting } from "../ledger";
import { fromCents, toCents } from "../money";
import { resolveActive } from "../refs";
import { type TaxableLine, computeGlobalTax, computeUsTax, readGlobalTaxCalculation } from "../tax";
import { currencyRef, depositAccount, optResolved, readLines, reqAmountCents, txnHeader } from "./txn-common";
import type { BuildContext, EntityDef, Fields } from "./types";

/**
 * SalesReceipt (money in) and RefundReceipt (money out) share their shape: item lines, tax, a
 * deposit-to account. A SalesReceipt without DepositToAccountRef goes to Undeposited Funds.
 */
type Kind = "SalesReceipt" | "RefundReceipt";

interface ItemLine {
  input: Fields;
  detail: Fields;
  element: string;
  item: Entity;
  itemRef: Ref;
  qty?: number;
  unitPrice?: number;
}

function readItemLine(books: CompanyBooks, line: Fields, element: string): ItemLine {
  const detail = line.SalesItemLineDetail;
  if (!isObject(detail)) throw requiredMissing(`${element}.SalesItemLineDetail`);
  const itemRef = optRef(detail, "ItemRef", `${element}.SalesItemLineDetail.ItemRef`);
  if (!itemRef) throw requiredMissing(`${element}.SalesItemLineDetail.ItemRef`);
  const { entity: item, ref } = resolveActive(books, "Item", itemRef, `${element}.SalesItemLineDetail.ItemRef`);
  if (item.Type === "Category") throw invalidReference(`${element}.SalesItemLineDetail.ItemRef`, item.Id, "Categories cannot be used in transactions.");
  return {
    input: line, detail, element, item, itemRef: ref,
    qty: optNumber(detail, "Qty", `${element}.SalesItemLineDetail.Qty`),
    unitPrice: optNumber(detail, "UnitPrice", `${element}.SalesItemLineDetail.UnitPrice`),
  };
}

/** 6070: Amount must equal Qty × UnitPrice (to the cent) when both are given. */
function checkAmount(line: ItemLine, amountCents: number): void {
  if (line.qty === undefined || line.unitPrice === undefined) return;
  const expected = Math.round(line.qty * line.unitPrice * 100);
  if (Math.abs(expected - amountCents) > 0) {
    throw new QboFault([{
      code: "6070",
      message: "Amount calculation incorrect",
      detail: `Amount is not equal to UnitPrice * Qty. Supplied value:${fromCents(amountCents)}`,
      element: `${line.element}.Amount`,
    }]);
  }
}

function build(kind: Kind, ctx: BuildContext, input: Fields): Fields {
  const { books } = ctx;
  const header = txnHeader(ctx, input);
  const us = books.country === "US";

  // A sale without a deposit-to account goes to Undeposited Funds; a refund must name one.
  let deposit: { ref: Ref };
  if (input.DepositToAccountRef !== undefined && input.DepositToAccountRef !== null) deposit = depositAccount(books, input, "DepositToAccountRef");
  else if (kind === "SalesReceipt") deposit = { ref: { value: books.systemAccounts.undepositedFunds, name: "Undeposited Funds" } };
  else throw requiredMissing("DepositToAccountRef");

  const itemLines: ItemLine[] = [];
  const out: Array<{ kind: "item"; line: ItemLine; amountCents: number } | { kind: "description"; line: Fields }> = [];
  readLines(input).forEach((line, i) => {
    const element = `Line[${i}]`;
    const type = line.DetailType;
    if (type === "SubTotalLineDetail") return; // read-only; QuickBooks recomputes it
    if (type === "DescriptionOnly") {
      out.push({ kind: "description", line });
      return;
    }
    if (type !== "SalesItemLineDetail") {
      if (type === undefined) throw requiredMissing(`${element}.DetailType`);
      throw invalidEnumeration(`${element}.DetailType`, type);
    }
    const item = readItemLine(books, line, element);
    const amountCents = reqAmountCents(line, element);
    checkAmount(item, amountCents);
    itemLines.push(item);
    out.push({ kind: "item", line: item, amountCents });
  });
  if (itemLines.length === 0) throw requiredMissing("Line.SalesItemLineDetail");

  const taxable: TaxableLine[] = out.flatMap((o) => {
    if (o.kind !== "item") return [];
    const element = `${o.line.element}.SalesItemLineDetail`;
    const inclusive = optNumber(o.line.detail, "TaxInclusiveAmt", `${element}.TaxInclusiveAmt`);
    return [{
      amountCents: o.amountCents,
      inclusiveCents: inclusive === undefined ? undefined : toCents(inclusive),
      taxCode: optRef(o.line.detail, "TaxCodeRef", `${element}.TaxCodeRef`),
      element,
    }];
  });
  const tax = us
    ? computeUsTax(books, taxable, input.TxnTaxDetail)
    : computeGlobalTax(books, taxable, input.TxnTaxDetail, readGlobalTaxCalculation(input, true), "sales");

  let n = 0;
  let netTotal = 0;
  const lines: Fields[] = out.map((o, index) => {
    const Id = String(index + 1);
    if (o.kind === "description") {
      return compact({ Id, LineNum: index + 1, Description: optString(o.line, "Description", 4000, `Line[${index}].Description`), Amount: 0, DetailType: "DescriptionOnly", DescriptionLineDetail: {} });
    }
    const taxed = tax.lines[n++];
    netTotal += taxed.netCents;
    const { line } = o;
    return compact({
      Id,
      LineNum: index + 1,
      Description: optString(line.input, "Description", 4000, `${line.element}.Description`),
      Amount: fromCents(taxed.netCents),
      DetailType: "SalesItemLineDetail",
      SalesItemLineDetail: compact({
        ItemRef: line.itemRef,
        ItemAccountRef: line.item.IncomeAccountRef,
        UnitPrice: line.unitPrice ?? (line.qty ? fromCents(Math.round(o.amountCents / line.qty)) : fromCents(o.amountCents)),
        Qty: line.qty ?? 1,
        TaxCodeRef: taxed.taxCode,
        TaxInclusiveAmt: taxed.grossCents === undefined ? undefined : fromCents(taxed.grossCents),
        ServiceDate: optString(line.detail, "ServiceDate", 10, `${line.element}.SalesItemLineDetail.ServiceDate`),
      }),
    });
  });
  // QuickBooks appends the subtotal line to every sales form.
  lines.push({ Amount: fromCents(netTotal), DetailType: "SubTotalLineDetail", SubTotalLineDetail: {} });

  const memo = input.CustomerMemo;
  const paymentType = input.PaymentType;
  if (paymentType !== undefined && !["Cash", "Check", "CreditCard", "Other"].includes(paymentType as string)) throw invalidEnumeration("PaymentType", paymentType);
  return compact({
    ...header,
    Line: lines,
    TxnTaxDetail: tax.txnTaxDetail ?? { TotalTax: fromCents(tax.totalTaxCents) },
    CustomerRef: optResolved(books, "Customer", input, "CustomerRef"),
    CustomerMemo: isObject(memo) ? compact({ value: optString(memo, "value", 1000, "CustomerMemo") }) : undefined,
    GlobalTaxCalculation: tax.globalTaxCalculation,
    TotalAmt: fromCents(netTotal + tax.totalTaxCents),
    ApplyTaxAfterDiscount: us ? false : undefined,
    PrintStatus: "NotSet",
    EmailStatus: kind === "SalesReceipt" ? "NotSet" : undefined,
    Balance: 0,
    PaymentMethodRef: optResolved(books, "PaymentMethod", input, "PaymentMethodRef"),
    PaymentRefNum: optString(input, "PaymentRefNum", kind === "SalesReceipt" ? 21 : 100),
    PaymentType: kind === "RefundReceipt" ? paymentType : undefined,
    DepositToAccountRef: deposit.ref,
    CurrencyRef: currencyRef(books),
  });
}

/** Sale: debit the deposit-to account, credit income (net) and tax liabilities. Refund: the reverse. */
function postings(kind: Kind) {
  return (books: CompanyBooks, entity: Entity): Posting[] => {
    const sign = kind === "SalesReceipt" ? 1 : -1;
    const out: Posting[] = [];
    const total = toCents(Number(entity.TotalAmt ?? 0));
    out.push({ account: (entity.DepositToAccountRef as Ref).value, cents: sign * total });
    let credited = 0;
    for (const line of entity.Line as Fields[]) {
      if (line.DetailType !== "SalesItemLineDetail") continue;
      const detail = line.SalesItemLineDetail as Fields;
      const cents = toCents(Number(line.Amount ?? 0));
      const income = (detail.ItemAccountRef as Ref | undefined)?.value ?? (getEntity(books, "Item", (detail.ItemRef as Ref).value)?.IncomeAccountRef as Ref | undefined)?.value;
      if (!income) continue;
      out.push({ account: income, cents: -sign * cents });
      credited += cents;
    }
    const tax = total - credited;
    const detail = entity.TxnTaxDetail as Fields | undefined;
    const taxLines = (detail?.TaxLine as Fields[] | undefined) ?? [];
    let spread = 0;
    for (const t of taxLines) {
      const cents = toCents(Number(t.Amount ?? 0));
      const rateId = ((t.TaxLineDetail as Fields).TaxRateRef as Ref).value;
      const agency = (getEntity(books, "TaxRate", rateId)?.AgencyRef as Ref | undefined)?.value;
      out.push({ account: (agency && books.taxLiabilityAccounts[agency]) || books.systemAccounts.salesTaxPayable, cents: -sign * cents });
      spread += cents;
    }
    if (tax - spread !== 0) out.push({ account: books.systemAccounts.salesTaxPayable, cents: -sign * (tax - spread) });
    return out;
  };
}

/** The deposit that took a receipt out of Undeposited Funds shows as its LinkedTxn. */
function present(kind: Kind) {
  return (books: CompanyBooks, entity: Entity): Entity => {
    const depositId = books.deposited[`${kind}:${entity.Id}`];
    const copy = { ...entity };
    delete copy.LinkedTxn;
    if (depositId) copy.LinkedTxn = [{ TxnId: depositId, TxnType: "Deposit" }];
    return copy;
  };
}

/** A void keeps the document but zeroes every amount. */
function voided(_books: CompanyBooks, entity: Entity): Fields {
  const lines = (entity.Line as Fields[]).map((line) => {
    const copy: Fields = { ...line, Amount: 0 };
    if (isObject(line.SalesItemLineDetail)) {
      const detail: Fields = { ...line.SalesItemLineDetail, Qty: 0, UnitPrice: 0 };
      if (detail.TaxInclusiveAmt !== undefined) detail.TaxInclusiveAmt = 0;
      copy.SalesItemLineDetail = detail;
    }
    return copy;
  });
  const note = typeof entity.PrivateNote === "string" && entity.PrivateNote !== "" ? `Voided - ${entity.PrivateNote}`.slice(0, 4000) : "Voided";
  return { Line: lines, TxnTaxDetail: { TotalTax: 0 }, TotalAmt: 0, Balance: 0, PrivateNote: note };
}

const TXN_FILTERS = ["Id", "DocNumber", "TxnDate", "TotalAmt", "CustomerRef", "DepositToAccountRef", "PaymentMethodRef", "Balance", "PrivateNote", "MetaData.CreateTime", "MetaData.LastUpdatedTime"];
const TXN_SORTS = ["Id", "DocNumber", "TxnDate", "TotalAmt", "MetaData.CreateTime", "MetaData.LastUpdatedTime"];

function def(kind: Kind): EntityDef {
  return {
    name: kind,
    kind: "transaction",
    build: (ctx, input) => build(kind, ctx, input),
    postings: postings(kind),
    present: present(kind),
    voided,
    deletable: true,
    uniqueDocNumber: true,
    filterable: TXN_FILTERS.filter((f) => f !== "PrivateNote"),
    sortable: TXN_SORTS,
  };
}

export const salesReceiptDef = def("SalesReceipt");
export const refundReceiptDef = def("RefundReceipt");
