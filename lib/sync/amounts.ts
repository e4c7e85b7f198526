/** QuickBooks amounts (numbers with up to two decimals) to integer minor units, exactly. */
export function toMinor(amount: unknown): number | null {
  if (amount === undefined || amount === null || amount === "") return null;
  const value = typeof amount === "number" ? amount : Number(amount);
  if (!Number.isFinite(value)) return null;
  return Math.round(value * 100);
}

interface JournalLine {
  Amount?: unknown;
  JournalEntryLineDetail?: { PostingType?: string; AccountRef?: { value?: string } };
}

/**
 * What a JournalEntry did to one account, in minor units (debits add, credits subtract). A negative
 * settlement is a JournalEntry whose TotalAmt is the sum of its debits; what ties out against the
 * processor's (negative) deposit amount is its effect on the bank account.
 */
export function journalNetToAccount(entity: Record<string, unknown>, accountId: string): number {
  const lines = Array.isArray(entity.Line) ? (entity.Line as JournalLine[]) : [];
  return lines.reduce((sum, line) => {
    const detail = line.JournalEntryLineDetail;
    if (detail?.AccountRef?.value !== accountId) return sum;
    const amount = toMinor(line.Amount) ?? 0;
    return sum + (detail.PostingType === "Credit" ? -amount : amount);
  }, 0);
}
