import { fromQboAmount } from "../money";
import type { PostingDocument, QboSalesReceipt } from "../qbo-documents";
import type { PostingContext } from "../types";

/**
 * TotalAmt of a receipt computed the way QuickBooks does, independently of the builders:
 * every line's Amount (checked against Qty × UnitPrice, fault 6070) is net of tax in both tax
 * models; the tax is TxnTaxDetail.TotalTax when supplied (an override), otherwise what the rate
 * gives on the taxable lines (US: lines marked TAX; non-US: lines with a tax code). Returns cents.
 */
export function expectedTotal(doc: QboSalesReceipt, company: PostingContext["company"], percent: number): number {
  let lines = 0;
  let taxable = 0;
  for (const line of doc.Line) {
    const amount = fromQboAmount(line.Amount);
    const { Qty, UnitPrice, TaxCodeRef } = line.SalesItemLineDetail;
    // Qty × UnitPrice in cents with integer math (Qty is 1 but nothing here assumes it).
    const product = Math.round(Qty * 1000) * fromQboAmount(UnitPrice);
    if (product !== amount * 1000) throw new Error(`6070 Amount calculation incorrect: ${Qty} × ${UnitPrice} ≠ ${line.Amount}`);
    lines += amount;
    const taxed = company.usesUsSalesTax ? TaxCodeRef?.value === "TAX" : TaxCodeRef !== undefined;
    if (taxed) taxable += amount;
  }
  const supplied = doc.TxnTaxDetail?.TotalTax;
  const tax = supplied !== undefined ? fromQboAmount(supplied) : Math.round((taxable * percent) / 100);
  return lines + tax;
}

/**
 * The TotalAmt QuickBooks should report for a built document, in cents, read off the built JSON
 * (the tests compare it with what the sandbox created). Receipts: Σ line Amount + TotalTax (= the card amount); Deposit and Purchase: Σ lines.
 * A JournalEntry has none worth comparing (QuickBooks documents its TotalAmt as always zero).
 */
export function expectedTotalMinor(document: PostingDocument): number | null {
  switch (document.entity) {
    case "SalesReceipt":
    case "RefundReceipt":
      return document.body.Line.reduce((sum, line) => sum + fromQboAmount(line.Amount), 0) + fromQboAmount(document.body.TxnTaxDetail.TotalTax);
    case "Deposit":
    case "Purchase":
      return (document.body.Line as { Amount: number }[]).reduce((sum, line) => sum + fromQboAmount(line.Amount), 0);
    case "JournalEntry":
      return null;
  }
}
