import { describe, expect, it } from "vitest";
import { buildDeposit } from "./deposit";
import { DepositImbalanceError, InvalidPostingInputError, NegativeDepositError } from "./errors";
import { buildSettlementDocument } from "./posting-document";
import { fromQboAmount } from "./money";
import type { QboDeposit } from "./qbo-documents";
import { canadianContext, rng, usContext } from "./testing/fixtures";
import { notPosted, posted, typicalSettlement } from "./testing/settlements";
import type { SettledTransaction, Settlement, TransactionKind } from "./types";

/** Deposit TotalAmt as QuickBooks computes it: the sum of all line amounts (no cash back here). */
const totalOf = (doc: QboDeposit) => doc.Line.reduce((sum, line) => sum + fromQboAmount(line.Amount), 0);

describe("buildDeposit", () => {
  const ctx = canadianContext();

  it("deposits into the mapped bank account, dated the deposit date, with the processor id", () => {
    const doc = buildDeposit(typicalSettlement(), ctx);
    expect(doc.DepositToAccountRef).toEqual({ value: "35" });
    expect(doc.TxnDate).toBe("2026-11-21");
    expect(doc.PrivateNote).toBe("dep_MID-1001_20261121");
    expect(doc.DocNumber).toMatch(/^0261121-[a-z2-7]{13}$/);
    expect(doc.GlobalTaxCalculation).toBe("NotApplicable");
    expect(buildDeposit(typicalSettlement(), usContext()).GlobalTaxCalculation).toBeUndefined();
  });

  it("links each posted receipt: SalesReceipts positive, RefundReceipts negative, TxnLineId 0, no DetailType", () => {
    const doc = buildDeposit(typicalSettlement(), ctx);
    expect(doc.Line.slice(0, 5)).toEqual([
      { Amount: 100, LinkedTxn: [{ TxnId: "101", TxnType: "SalesReceipt", TxnLineId: "0" }] },
      { Amount: 25.99, LinkedTxn: [{ TxnId: "102", TxnType: "SalesReceipt", TxnLineId: "0" }] },
      { Amount: -10, LinkedTxn: [{ TxnId: "55", TxnType: "RefundReceipt", TxnLineId: "0" }] },
      { Amount: -5.99, LinkedTxn: [{ TxnId: "56", TxnType: "RefundReceipt", TxnLineId: "0" }] },
      { Amount: 3, LinkedTxn: [{ TxnId: "103", TxnType: "SalesReceipt", TxnLineId: "0" }] },
    ]);
    for (const line of doc.Line.slice(0, 5)) expect(line).not.toHaveProperty("DetailType");
  });

  it("puts each fee on its own negative line to the mapped expense account, labeled", () => {
    const doc = buildDeposit(typicalSettlement(), ctx);
    expect(doc.Line.slice(5)).toEqual([
      { DetailType: "DepositLineDetail", Amount: -2.9, Description: "fee_1 · processing fee", DepositLineDetail: { AccountRef: { value: "58" } } },
      { DetailType: "DepositLineDetail", Amount: -15, Description: "fee_4 · chargeback fee", DepositLineDetail: { AccountRef: { value: "58" } } },
    ]);
  });

  it("totals exactly the processor's amount", () => {
    expect(totalOf(buildDeposit(typicalSettlement(), ctx))).toBe(9_510);
  });

  it("puts never-posted items on direct lines: revenue for before-connection and paused, Undeposited Funds for resolved", () => {
    const settlement: Settlement = {
      deposit: { processorId: "dep_9", amountMinor: 5_000 + 700 - 200 + 100 + 1_000 - 300 - 50, depositDate: "2026-11-02" },
      transactions: [
        notPosted("txn_a", "sale", 5_000, "before_connection"),
        notPosted("txn_b", "chargeback_reversal", 700, "paused"),
        notPosted("txn_c", "refund", 200, "paused"),
        posted("txn_d", "sale", 100, "7"),
        notPosted("txn_e", "sale", 1_000, "resolved"),
        notPosted("txn_f", "chargeback", 300, "resolved"),
      ],
      fees: [{ processorId: "fee_a", kind: "service", amountMinor: 50 }],
    };
    const doc = buildDeposit(settlement, ctx);
    const direct = (amount: number, account: string, description: string) => ({
      DetailType: "DepositLineDetail",
      Amount: amount,
      Description: description,
      DepositLineDetail: { AccountRef: { value: account } },
    });
    expect(doc.Line).toEqual([
      direct(50, "79", "txn_a · sale · not posted: dated before the QuickBooks connection"),
      direct(7, "79", "txn_b · chargeback reversal · not posted: dated inside a pause"),
      direct(-2, "79", "txn_c · refund · not posted: dated inside a pause"),
      { Amount: 1, LinkedTxn: [{ TxnId: "7", TxnType: "SalesReceipt", TxnLineId: "0" }] },
      direct(10, "4", "txn_e · sale · entered by hand in QuickBooks"),
      direct(-3, "4", "txn_f · chargeback · entered by hand in QuickBooks"),
      direct(-0.5, "58", "fee_a · service fee"),
    ]);
    expect(totalOf(doc)).toBe(settlement.deposit.amountMinor);
  });

  it("throws a typed error when the items do not sum to the processor's amount", () => {
    const settlement = typicalSettlement();
    const off = { ...settlement, deposit: { ...settlement.deposit, amountMinor: 9_511 } };
    expect(() => buildDeposit(off, ctx)).toThrow(DepositImbalanceError);
    try {
      buildDeposit(off, ctx);
    } catch (error) {
      expect(error).toMatchObject({ code: "deposit_imbalance", expectedMinor: 9_511, linesMinor: 9_510 });
    }
  });

  it("refuses a negative net (QuickBooks fault 6000), an empty deposit, duplicates and missing ids", () => {
    const negative: Settlement = {
      deposit: { processorId: "dep_neg", amountMinor: -500, depositDate: "2026-11-21" },
      transactions: [posted("txn_r", "refund", 500, "9")],
      fees: [],
    };
    expect(() => buildDeposit(negative, ctx)).toThrow(NegativeDepositError);
    expect(() => buildDeposit({ deposit: { processorId: "d", amountMinor: 0, depositDate: "2026-11-21" }, transactions: [], fees: [] }, ctx)).toThrow(
      InvalidPostingInputError,
    );
    const twice = typicalSettlement();
    expect(() => buildDeposit({ ...twice, transactions: [...twice.transactions, twice.transactions[0]] }, ctx)).toThrow(InvalidPostingInputError);
    expect(() => buildDeposit({ ...twice, transactions: [posted("txn_x", "sale", 9_510 + 1_790, "")], fees: twice.fees }, ctx)).toThrow(
      InvalidPostingInputError,
    );
    expect(() => buildDeposit({ ...twice, fees: [{ processorId: "f", kind: "processing", amountMinor: 0 }] }, ctx)).toThrow(InvalidPostingInputError);
  });

  it("accepts a zero net as a Deposit (QuickBooks allows zero; it clears the receipts)", () => {
    const zero: Settlement = {
      deposit: { processorId: "dep_0", amountMinor: 0, depositDate: "2026-11-21" },
      transactions: [posted("s", "sale", 1_000, "1"), posted("r", "refund", 1_000, "2")],
      fees: [],
    };
    expect(buildSettlementDocument(zero, ctx).entity).toBe("Deposit");
    expect(totalOf(buildDeposit(zero, ctx))).toBe(0);
  });

  it("ties to the bank for 2,000 random settlements (TotalAmt = processor amount; negative nets go to a JournalEntry)", () => {
    const r = rng(77);
    const kinds: TransactionKind[] = ["sale", "sale", "sale", "refund", "chargeback", "chargeback_reversal"];
    const statuses = ["posted", "posted", "posted", "before_connection", "paused", "resolved"] as const;
    let deposits = 0;
    let journals = 0;
    for (let i = 0; i < 2_000; i++) {
      const transactions: SettledTransaction[] = [];
      let net = 0;
      for (let n = r.int(0, 40); n > 0; n--) {
        const kind = r.pick(kinds);
        const amount = r.int(1, 50_000);
        const status = r.pick(statuses);
        transactions.push(status === "posted" ? posted(`t${i}_${n}`, kind, amount, `${i}${n}`) : notPosted(`t${i}_${n}`, kind, amount, status));
        net += kind === "sale" || kind === "chargeback_reversal" ? amount : -amount;
      }
      const fees = Array.from({ length: r.int(transactions.length === 0 ? 1 : 0, 10) }, (_, n) => ({
        processorId: `f${i}_${n}`,
        kind: "processing" as const,
        amountMinor: r.int(1, 3_000),
      }));
      net -= fees.reduce((s, f) => s + f.amountMinor, 0);
      const settlement: Settlement = { deposit: { processorId: `d${i}`, amountMinor: net, depositDate: "2026-11-21" }, transactions, fees };
      const built = buildSettlementDocument(settlement, i % 2 ? ctx : usContext());
      if (built.entity === "Deposit") {
        deposits++;
        expect(net).toBeGreaterThanOrEqual(0);
        expect(totalOf(built.body)).toBe(net);
      } else {
        journals++;
        expect(net).toBeLessThan(0);
      }
    }
    expect(deposits).toBeGreaterThan(100);
    expect(journals).toBeGreaterThan(100);
  });
});
