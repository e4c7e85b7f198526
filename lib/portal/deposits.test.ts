import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-database";
import { breakdownOfItems } from "./deposit-totals";
import { depositItemTotals, getDeposit, listDepositFees, listDepositTransactions, listDeposits } from "./deposits";
import { InvalidCursorError } from "./keyset-cursor";
import { allPages, insertBusiness, insertDeposit, insertFee, insertTransactions, type Business } from "./test-fixtures";

let database: TestDatabase;
const db = () => database.db;
let a: Business;
let b: Business;
let aDepositId: string;
let bDepositId: string;

/** A business with one deposit of every kind of item, plus `count` plain deposits. */
async function seed(business: Business, prefix: string, count: number) {
  const at = (hour: number) => new Date(Date.UTC(2026, 10, 20, hour));
  const [sale1, sale2, refund, chargeback, reversal] = await insertTransactions(db(), business, [
    { processorId: `${prefix}_sale1`, kind: "sale", amountMinor: 10_000, occurredAt: at(14) },
    { processorId: `${prefix}_sale2`, kind: "sale", amountMinor: 2_599, occurredAt: at(15), cardBrand: "mastercard", last4: "5454" },
    { processorId: `${prefix}_refund`, kind: "refund", amountMinor: 1_500, occurredAt: at(16) },
    { processorId: `${prefix}_cb`, kind: "chargeback", amountMinor: 3_000, occurredAt: at(17) },
    { processorId: `${prefix}_rev`, kind: "chargeback_reversal", amountMinor: 1_000, occurredAt: at(18) },
  ]);
  const fee1 = await insertFee(db(), business, { processorId: `${prefix}_fee1`, amountMinor: 290, transactionId: sale1.id, occurredAt: new Date("2026-11-20T15:00:00Z") });
  const fee2 = await insertFee(db(), business, { processorId: `${prefix}_fee2`, amountMinor: 1_500, kind: "chargeback", transactionId: chargeback.id, occurredAt: new Date("2026-11-20T16:00:00Z") });
  // Not in any deposit: debited on its own, never part of a drill-down.
  await insertFee(db(), business, { processorId: `${prefix}_monthly`, amountMinor: 999, kind: "monthly" });
  const main = await insertDeposit(db(), business, {
    processorId: `${prefix}_dep_main`,
    depositDate: "2026-11-23",
    transactionIds: [sale1.id, sale2.id, refund.id, chargeback.id, reversal.id],
    feeIds: [fee1.id, fee2.id],
  });
  for (let i = 0; i < count; i++) {
    const [t] = await insertTransactions(db(), business, [{ processorId: `${prefix}_t${i}`, amountMinor: 100 + i, occurredAt: new Date(Date.UTC(2026, 8, 1 + (i % 28), 12)) }]);
    // Two deposits share each date, so the id decides their order.
    await insertDeposit(db(), business, { processorId: `${prefix}_dep_${i}`, depositDate: `2026-10-${String(1 + Math.floor(i / 2)).padStart(2, "0")}`, transactionIds: [t.id] });
  }
  return main.id;
}

beforeAll(async () => {
  database = await createTestDatabase();
  a = await insertBusiness(db(), "MID-A");
  b = await insertBusiness(db(), "MID-B", { currency: "USD", country: "US", region: "NY", timezone: "America/New_York" });
  aDepositId = await seed(a, "a", 24);
  bDepositId = await seed(b, "b", 3);
});

afterAll(async () => {
  await database?.drop();
});

describe("listDeposits", () => {
  it("lists newest first by date then id, in keyset pages with no gap or overlap", async () => {
    const pages = await allPages((cursor) => listDeposits(db(), a.id, { cursor, limit: 10 }));
    expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
    const rows = pages.flat();
    const sorted = [...rows].sort((x, y) => y.depositDate.localeCompare(x.depositDate) || (x.id < y.id ? 1 : -1));
    expect(rows.map((r) => r.id)).toEqual(sorted.map((r) => r.id));
    expect(new Set(rows.map((r) => r.id)).size).toBe(25);
    expect(rows[0]).toEqual({
      id: aDepositId,
      processorId: "a_dep_main",
      depositDate: "2026-11-23",
      bankLast4: "6789",
      currency: "CAD",
      salesMinor: 12_599,
      refundsMinor: 1_500,
      chargebacksMinor: 3_000,
      reversalsMinor: 1_000,
      feesMinor: 1_790,
      netMinor: 12_599 - 1_500 - 3_000 + 1_000 - 1_790,
    });
  });

  it("shows only the business's own deposits", async () => {
    const aIds = (await listDeposits(db(), a.id, { limit: 200 })).rows.map((r) => r.processorId);
    const bIds = (await listDeposits(db(), b.id, { limit: 200 })).rows.map((r) => r.processorId);
    expect(aIds.filter((id) => !id.startsWith("a_"))).toEqual([]);
    expect(bIds).toHaveLength(4);
    expect(bIds.filter((id) => !id.startsWith("b_"))).toEqual([]);
  });

  it("rejects a cursor it did not make", async () => {
    await expect(listDeposits(db(), a.id, { cursor: "garbage" })).rejects.toBeInstanceOf(InvalidCursorError);
  });
});

describe("a deposit's drill-down", () => {
  it("pages the deposit's transactions and fees oldest first, and totals them in one query to the net", async () => {
    const deposit = await getDeposit(db(), a.id, aDepositId);
    expect(deposit).not.toBeNull();
    const transactionPages = await allPages((cursor) => listDepositTransactions(db(), a.id, aDepositId, { cursor, limit: 2 }));
    expect(transactionPages.map((p) => p.map((t) => t.processorId))).toEqual([["a_sale1", "a_sale2"], ["a_refund", "a_cb"], ["a_rev"]]);
    const feePages = await allPages((cursor) => listDepositFees(db(), a.id, aDepositId, { cursor, limit: 1 }));
    expect(feePages.flat().map((f) => [f.processorId, f.transactionProcessorId])).toEqual([
      ["a_fee1", "a_sale1"],
      ["a_fee2", "a_cb"],
    ]);
    const transactions = transactionPages.flat();
    const fees = feePages.flat();
    const totals = await depositItemTotals(db(), a.id, aDepositId);
    expect(totals).toEqual({ ...breakdownOfItems(transactions, fees), transactionCount: 5, feeCount: 2 });
    expect(totals).toMatchObject({
      salesMinor: deposit!.salesMinor,
      refundsMinor: deposit!.refundsMinor,
      chargebacksMinor: deposit!.chargebacksMinor,
      reversalsMinor: deposit!.reversalsMinor,
      feesMinor: deposit!.feesMinor,
      netMinor: deposit!.netMinor,
    });
    expect(totals.netMinor).toBe(7_309);
    expect(transactions[1]).toEqual({
      id: expect.any(String),
      processorId: "a_sale2",
      kind: "sale",
      amountMinor: 2_599,
      cardBrand: "mastercard",
      last4: "5454",
      occurredAt: "2026-11-20T15:00:00.000Z",
      businessDate: "2026-11-20",
    });
  });

  it("is null for another business's deposit, an unknown id, and an id that is not a uuid; items stay in their business", async () => {
    expect(await getDeposit(db(), a.id, bDepositId)).toBeNull();
    expect(await getDeposit(db(), b.id, aDepositId)).toBeNull();
    expect(await getDeposit(db(), a.id, "00000000-0000-4000-8000-000000000000")).toBeNull();
    expect(await getDeposit(db(), a.id, "dep_1'; drop table fees; --")).toBeNull();
    expect((await listDepositTransactions(db(), a.id, bDepositId)).rows).toEqual([]);
    expect((await depositItemTotals(db(), a.id, bDepositId)).transactionCount).toBe(0);
    const bRows = (await listDepositTransactions(db(), b.id, bDepositId)).rows;
    expect(bRows.length).toBeGreaterThan(0);
    expect(bRows.filter((t) => !t.processorId.startsWith("b_"))).toEqual([]);
  });

  it("rejects an item cursor it did not make", async () => {
    await expect(listDepositFees(db(), a.id, aDepositId, { cursor: "garbage" })).rejects.toBeInstanceOf(InvalidCursorError);
  });
});
