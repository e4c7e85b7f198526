import { fromQboAmount } from "./money";
import type { PostingDocument } from "./qbo-entities";

/**
 * The TotalAmt QuickBooks should report for a built document, in cents, so the sync engine can
 * compare it with the created entity and flag a document that does not tie (e.g. a US Automated
 * Sales Tax company whose owner turned off partner tax overrides, so QuickBooks recomputed the
 * tax). Receipts: Σ line Amount + TotalTax (= the card amount); Deposit and Purchase: Σ lines.
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
