import { describe, expect, it } from "vitest";
import { journalNetToAccount, toMinor } from "./amounts";

describe("amounts", () => {
  it("reads QuickBooks amounts as exact minor units", () => {
    expect(toMinor(136.36)).toBe(13636);
    expect(toMinor("0.1")).toBe(10);
    expect(toMinor(undefined)).toBeNull();
  });

  it("takes a negative settlement's JournalEntry by its effect on the bank, not by its total of debits", () => {
    const line = (amount: number, postingType: "Debit" | "Credit", account: string) => ({
      DetailType: "JournalEntryLineDetail",
      Amount: amount,
      JournalEntryLineDetail: { PostingType: postingType, AccountRef: { value: account } },
    });
    const entry = { Id: "9", TotalAmt: 219.97, Line: [line(136.36, "Credit", "35"), line(219.97, "Debit", "4"), line(83.61, "Credit", "4")] };
    expect(journalNetToAccount(entry, "35")).toBe(-13636);
    expect(journalNetToAccount(entry, "4")).toBe(13636);
    expect(journalNetToAccount({ Id: "1" }, "35")).toBe(0);
  });
});
