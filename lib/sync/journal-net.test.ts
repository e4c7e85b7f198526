import { describe, expect, it } from "vitest";
import { journalNetToAccount } from "./journal-net";

describe("journalNetToAccount", () => {
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

  it("refuses a line amount that is not an amount instead of guessing", () => {
    const entry = { Line: [{ Amount: { bad: true }, JournalEntryLineDetail: { PostingType: "Debit", AccountRef: { value: "4" } } }] };
    expect(() => journalNetToAccount(entry, "4")).toThrow(/not an amount/);
  });
});
