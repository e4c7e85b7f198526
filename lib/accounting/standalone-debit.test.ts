import { describe, expect, it } from "vitest";
import { InvalidPostingInputError, DepositImbalanceError } from "./errors";
import { buildSettlementDocument, buildStandaloneFeeDocument } from "./posting-document";
import { fromQboAmount } from "./money";
import type { QboJournalEntry } from "./qbo-documents";
import { buildNegativeSettlementEntry, buildStandaloneFeePurchase } from "./standalone-debit";
import { canadianContext, rng, usContext } from "./testing/fixtures";
import { notPosted, posted } from "./testing/settlements";
import type { SettledTransaction, Settlement } from "./types";

/** Account → balance change in cents (debit positive), as the books would post the entry. */
function balanceChanges(doc: QboJournalEntry): Map<string, number> {
  const changes = new Map<string, number>();
  for (const line of doc.Line) {
    const { PostingType, AccountRef } = line.JournalEntryLineDetail;
    const cents = fromQboAmount(line.Amount) * (PostingType === "Debit" ? 1 : -1);
    changes.set(AccountRef.value, (changes.get(AccountRef.value) ?? 0) + cents);
  }
  return changes;
}

const negativeDay = (): Settlement => ({
  // 1,000 of sales, 2,500 refunded, a 3,000 chargeback, 1,500 chargeback fee, 35 of fees: −6,035.
  deposit: { processorId: "dep_MID-1001_20261122", amountMinor: -6_035, depositDate: "2026-11-22" },
  transactions: [
    posted("txn_s", "sale", 1_000, "201"),
    posted("txn_r", "refund", 2_500, "60"),
    posted("txn_c", "chargeback", 3_000, "61"),
  ],
  fees: [
    { processorId: "fee_c", kind: "chargeback", amountMinor: 1_500 },
    { processorId: "fee_s", kind: "processing", amountMinor: 35 },
  ],
});

describe("negative settlement → JournalEntry", () => {
  const ctx = canadianContext();

  it("is chosen for a negative net", () => {
    expect(buildSettlementDocument(negativeDay(), ctx).entity).toBe("JournalEntry");
  });

  it("credits the bank |net|, clears each receipt from Undeposited Funds and debits fees to expense, labeled", () => {
    const doc = buildNegativeSettlementEntry(negativeDay(), ctx);
    expect(doc.TxnDate).toBe("2026-11-22");
    expect(doc.PrivateNote).toBe("dep_MID-1001_20261122 · negative settlement: debited from the bank");
    expect(doc.DocNumber).toMatch(/^0261122-[a-z2-7]{13}$/);
    const rows = doc.Line.map((l) => [l.JournalEntryLineDetail.PostingType, l.JournalEntryLineDetail.AccountRef.value, l.Amount, l.Description]);
    expect(rows).toEqual([
      ["Credit", "35", 60.35, "dep_MID-1001_20261122 · processor debit from the bank"],
      ["Credit", "4", 10, "dep_MID-1001_20261122 · txn_s · sale"],
      ["Debit", "4", 25, "dep_MID-1001_20261122 · txn_r · refund"],
      ["Debit", "4", 30, "dep_MID-1001_20261122 · txn_c · chargeback"],
      ["Debit", "58", 15, "dep_MID-1001_20261122 · fee_c · chargeback fee"],
      ["Debit", "58", 0.35, "dep_MID-1001_20261122 · fee_s · processing fee"],
    ]);
    for (const line of doc.Line) expect(line.DetailType).toBe("JournalEntryLineDetail");
  });

  it("balances, and moves each account exactly as the bank and the receipts did", () => {
    const changes = balanceChanges(buildNegativeSettlementEntry(negativeDay(), ctx));
    expect([...changes.values()].reduce((a, b) => a + b, 0)).toBe(0);
    expect(changes.get("35")).toBe(-6_035); // bank falls by what the processor took
    // Undeposited Funds: the sale's +1,000 leaves, the refund's and chargeback's −5,500 come back.
    expect(changes.get("4")).toBe(-1_000 + 5_500);
    expect(changes.get("58")).toBe(1_535);
  });

  it("routes never-posted items to revenue and resolved ones to Undeposited Funds", () => {
    const settlement: Settlement = {
      deposit: { processorId: "dep_x", amountMinor: 400 - 1_000 - 700, depositDate: "2026-11-22" },
      transactions: [notPosted("a", "sale", 400, "before_connection"), notPosted("b", "refund", 1_000, "paused"), notPosted("c", "chargeback", 700, "resolved")],
      fees: [],
    };
    const changes = balanceChanges(buildNegativeSettlementEntry(settlement, usContext()));
    expect(changes.get("79")).toBe(-400 + 1_000); // revenue: sale credited, refund debited
    expect(changes.get("4")).toBe(700);
    expect(changes.get("35")).toBe(-1_300);
    expect(buildNegativeSettlementEntry(settlement, usContext()).GlobalTaxCalculation).toBeUndefined();
  });

  it("balances for 2,000 random negative settlements", () => {
    const r = rng(99);
    for (let i = 0; i < 2_000; i++) {
      const transactions: SettledTransaction[] = [];
      let net = 0;
      for (let n = r.int(1, 20); n > 0; n--) {
        const kind = r.pick(["sale", "refund", "chargeback", "chargeback_reversal"] as const);
        const amount = r.int(1, 20_000);
        transactions.push(posted(`t${n}`, kind, amount, String(n)));
        net += kind === "sale" || kind === "chargeback_reversal" ? amount : -amount;
      }
      const fee = r.int(1, 5_000);
      net -= fee;
      if (net >= 0) continue;
      const settlement: Settlement = { deposit: { processorId: `d${i}`, amountMinor: net, depositDate: "2026-11-22" }, transactions, fees: [{ processorId: "f", kind: "processing", amountMinor: fee }] };
      const changes = balanceChanges(buildNegativeSettlementEntry(settlement, ctx));
      expect([...changes.values()].reduce((a, b) => a + b, 0)).toBe(0);
      expect(changes.get("35")).toBe(net);
    }
  });

  it("refuses a non-negative net and items that do not sum to it", () => {
    const day = negativeDay();
    expect(() => buildNegativeSettlementEntry({ ...day, deposit: { ...day.deposit, amountMinor: 0 } }, ctx)).toThrow(InvalidPostingInputError);
    expect(() => buildNegativeSettlementEntry({ ...day, deposit: { ...day.deposit, amountMinor: -6_036 } }, ctx)).toThrow(DepositImbalanceError);
  });
});

describe("fee debited on its own → Purchase from the bank", () => {
  const fee = { processorId: "fee_MID-1001_monthly_202611", kind: "monthly" as const, amountMinor: 2_500, businessDate: "2026-11-30" };

  it("pays the mapped expense account from the mapped bank account, dated the fee's business date", () => {
    const doc = buildStandaloneFeePurchase(fee, canadianContext());
    expect(doc).toEqual({
      DocNumber: expect.stringMatching(/^202611-[a-z2-7]{13}$/),
      TxnDate: "2026-11-30",
      PrivateNote: "fee_MID-1001_monthly_202611 · monthly fee",
      AccountRef: { value: "35" },
      PaymentType: "Cash",
      GlobalTaxCalculation: "NotApplicable",
      Line: [
        {
          DetailType: "AccountBasedExpenseLineDetail",
          Amount: 25,
          Description: "fee_MID-1001_monthly_202611 · monthly fee",
          AccountBasedExpenseLineDetail: { AccountRef: { value: "58" } },
        },
      ],
    });
    expect(buildStandaloneFeeDocument(fee, usContext())).toMatchObject({ entity: "Purchase", body: { PaymentType: "Cash" } });
    expect(buildStandaloneFeePurchase(fee, usContext()).GlobalTaxCalculation).toBeUndefined();
  });

  it("refuses a non-positive fee or a bad date", () => {
    expect(() => buildStandaloneFeePurchase({ ...fee, amountMinor: 0 }, canadianContext())).toThrow(InvalidPostingInputError);
    expect(() => buildStandaloneFeePurchase({ ...fee, businessDate: "30/11/2026" }, canadianContext())).toThrow(InvalidPostingInputError);
  });
});
