import { describe, expect, it } from "vitest";
import { buildSettlementDocument, buildStandaloneFeeDocument } from "./posting-document";
import { buildReceipt } from "./receipt";
import { depositTieOut, journalOf, type JournalView } from "./journal";
import { canadianContext, QUEBEC_GST_QST, transaction, usContext } from "./testing/fixtures";
import { notPosted, posted, typicalSettlement } from "./testing/settlements";
import type { Settlement } from "./types";

/** The view as "role account: D amount / C amount" rows, easy to read in a failure. */
const rows = (view: JournalView) => view.lines.map((l) => `${l.role} ${l.accountId}: ${l.debitMinor ? `D ${l.debitMinor}` : `C ${l.creditMinor}`}`);

describe("journalOf: receipts", () => {
  it("a sale debits Undeposited Funds the card amount, credits revenue the net and tax payable the tax", () => {
    const ctx = canadianContext();
    const view = journalOf(buildReceipt(transaction({ amountMinor: 11_300, taxMinor: 1_300 }), ctx), ctx);
    expect(rows(view)).toEqual(["undeposited_funds 4: D 11300", "revenue 79: C 10000", "sales_tax hst-on: C 1300"]);
    expect(view.totalDebitMinor).toBe(11_300);
    expect(view.totalCreditMinor).toBe(11_300);
  });

  it("splits the tax by rate for a code with several rates (GST + QST)", () => {
    const ctx = canadianContext(QUEBEC_GST_QST);
    const view = journalOf(buildReceipt(transaction({ amountMinor: 11_498 }), ctx), ctx);
    expect(rows(view)).toEqual(["undeposited_funds 4: D 11498", "revenue 79: C 10000", "sales_tax gst: C 500", "sales_tax qst: C 998"]);
  });

  it("a refund reverses a sale: debits revenue and tax, credits Undeposited Funds", () => {
    const ctx = canadianContext();
    const view = journalOf(buildReceipt(transaction({ kind: "refund", amountMinor: 2_260, taxMinor: 260 }), ctx), ctx);
    expect(rows(view)).toEqual(["undeposited_funds 4: C 2260", "revenue 79: D 2000", "sales_tax hst-on: D 260"]);
  });

  it("a chargeback is booked like a refund (money withdrawn)", () => {
    const ctx = usContext();
    const view = journalOf(buildReceipt(transaction({ kind: "chargeback", amountMinor: 10_888, taxMinor: 888 }), ctx), ctx);
    expect(rows(view)).toEqual(["undeposited_funds 4: C 10888", "revenue 79: D 10000", "sales_tax 9: D 888"]);
    expect(view.totalDebitMinor).toBe(view.totalCreditMinor);
  });

  it("a chargeback reversal is booked like a sale (money returned)", () => {
    const ctx = usContext();
    const view = journalOf(buildReceipt(transaction({ kind: "chargeback_reversal", amountMinor: 10_888, taxMinor: 888 }), ctx), ctx);
    expect(rows(view)).toEqual(["undeposited_funds 4: D 10888", "revenue 79: C 10000", "sales_tax 9: C 888"]);
  });

  it("a sale without tax has no tax line", () => {
    const ctx = usContext({ percent: 0 });
    const view = journalOf(buildReceipt(transaction({ amountMinor: 500, taxMinor: 0 }), ctx), ctx);
    expect(rows(view)).toEqual(["undeposited_funds 4: D 500", "revenue 79: C 500"]);
  });
});

describe("journalOf: settlements and fees", () => {
  it("a deposit with fees debits the bank what was paid, clears Undeposited Funds, debits fees to expense", () => {
    const ctx = canadianContext();
    const settlement = typicalSettlement();
    const view = journalOf(buildSettlementDocument(settlement, ctx), ctx);
    // Sales and the reversal leave Undeposited Funds (credit); the refund and chargeback come back (debit).
    expect(rows(view)).toEqual(["bank 35: D 9510", "undeposited_funds 4: C 12899", "undeposited_funds 4: D 1599", "expense 58: D 1790"]);
    expect(view.totalDebitMinor).toBe(12_899);
    expect(view.totalCreditMinor).toBe(12_899);
    expect(depositTieOut(settlement)).toEqual({ receiptsMinor: 11_300, feesMinor: 1_790, netMinor: 9_510, paidToBankMinor: 9_510, ties: true });
  });

  it("a deposit settling items never posted credits revenue for them", () => {
    const ctx = canadianContext();
    const settlement: Settlement = {
      deposit: { processorId: "dep_1", amountMinor: 1_900, depositDate: "2026-11-21" },
      transactions: [posted("txn_1", "sale", 1_000, "101"), notPosted("txn_2", "sale", 1_000, "before_connection")],
      fees: [{ processorId: "fee_1", kind: "processing", amountMinor: 100 }],
    };
    expect(rows(journalOf(buildSettlementDocument(settlement, ctx), ctx))).toEqual([
      "bank 35: D 1900",
      "undeposited_funds 4: C 1000",
      "revenue 79: C 1000",
      "expense 58: D 100",
    ]);
  });

  it("a negative settlement credits the bank what the processor took and balances", () => {
    const ctx = canadianContext();
    const settlement: Settlement = {
      deposit: { processorId: "dep_neg", amountMinor: -2_150, depositDate: "2026-11-21" },
      transactions: [posted("txn_1", "sale", 1_000, "101"), posted("txn_2", "chargeback", 3_000, "56")],
      fees: [{ processorId: "fee_cb", kind: "chargeback", amountMinor: 150 }],
    };
    const document = buildSettlementDocument(settlement, ctx);
    expect(document.entity).toBe("JournalEntry");
    const view = journalOf(document, ctx);
    expect(rows(view)).toEqual(["bank 35: C 2150", "undeposited_funds 4: C 1000", "undeposited_funds 4: D 3000", "expense 58: D 150"]);
    expect(view.totalDebitMinor).toBe(3_150);
    expect(view.totalCreditMinor).toBe(3_150);
    expect(depositTieOut(settlement)).toMatchObject({ receiptsMinor: -2_000, feesMinor: 150, netMinor: -2_150, ties: true });
  });

  it("a standalone fee debits expense and credits the bank", () => {
    const ctx = usContext();
    const view = journalOf(buildStandaloneFeeDocument({ processorId: "fee_m", kind: "monthly", amountMinor: 2_500, businessDate: "2026-11-30" }, ctx), ctx);
    expect(rows(view)).toEqual(["expense 58: D 2500", "bank 35: C 2500"]);
  });

  it("a tie-out that does not hold says so", () => {
    const settlement = typicalSettlement();
    expect(depositTieOut({ ...settlement, deposit: { ...settlement.deposit, amountMinor: 9_000 } }).ties).toBe(false);
  });
});
