/**
 * What a posted JournalEntry did to one account, read back from QuickBooks. A negative settlement
 * is a JournalEntry whose TotalAmt is the sum of its debits; what ties out against the processor's
 * (negative) deposit amount is its effect on the bank account.
 */
import { fromQboAmount } from "@/lib/accounting/money";

interface JournalLine {
  Amount?: unknown;
  JournalEntryLineDetail?: { PostingType?: string; AccountRef?: { value?: string } };
}

/** The net effect on `accountId` in minor units (debits add, credits subtract). */
export function journalNetToAccount(entity: Record<string, unknown>, accountId: string): number {
  const lines = Array.isArray(entity.Line) ? (entity.Line as JournalLine[]) : [];
  return lines.reduce((sum, line) => {
    const detail = line.JournalEntryLineDetail;
    if (detail?.AccountRef?.value !== accountId) return sum;
    if (typeof line.Amount !== "number" && typeof line.Amount !== "string") {
      throw new Error(`QuickBooks reported a journal line amount that is not an amount: ${JSON.stringify(line.Amount)}`);
    }
    const amount = fromQboAmount(line.Amount);
    return sum + (detail.PostingType === "Credit" ? -amount : amount);
  }, 0);
}
