import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardTransactions } from "@/db/schema";
import { explainer } from "@/db/testing/explain";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-database";
import { insertBusiness, type Business } from "@/lib/portal/test-fixtures";
import { loadHistory } from "@/lib/sync/testing/scale-data";
import { recentSalesTaxRate, RECENT_SALES_DAYS, RECENT_SALES_LIMIT } from "./recent-sales-tax-rate";

/**
 * The effective rate of recent sales, read back from real rows on PostgreSQL, and the shape of its
 * one statement under a year of history (EXPLAIN ANALYZE: rows read, not time).
 */
let database: TestDatabase;
const TODAY = "2026-11-30";

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

type Sale = { id: string; kind?: "sale" | "refund"; amount: number; tax: number | null; tip?: number; day: string };

async function insert(business: Business, sales: Sale[]) {
  await database.db.insert(cardTransactions).values(
    sales.map((s) => ({
      businessId: business.id,
      processorId: s.id,
      kind: s.kind ?? "sale",
      amountMinor: s.amount,
      currency: business.currency,
      cardBrand: "visa" as const,
      last4: "4242",
      occurredAt: new Date(`${s.day}T17:00:00Z`),
      businessDate: s.day,
      taxMinor: s.tax,
      tipMinor: s.tip ?? null,
      payloadHash: "fixture",
    })),
  );
}

describe("the rate the processor charged on recent sales", () => {
  it("is Σ tax / Σ (amount − tax − tip) over the taxed sales of the last 30 days of this business", async () => {
    const business = await insertBusiness(database.db, "MID-RATE-1");
    const other = await insertBusiness(database.db, "MID-RATE-2");
    await insert(business, [
      // 113.00 = 100.00 + 13.00 tax; 57.50 = 50.00 + 6.50 tax + 1.00 tip (tips are not taxed).
      { id: "a", amount: 11_300, tax: 1_300, day: TODAY },
      { id: "b", amount: 5_750, tax: 650, tip: 100, day: "2026-11-01" },
      // Not counted: untaxed and tax-less sales, a refund, a sale before the window.
      { id: "c", amount: 9_999, tax: 0, day: "2026-11-20" },
      { id: "d", amount: 9_999, tax: null, day: "2026-11-20" },
      { id: "e", kind: "refund", amount: 10_500, tax: 500, day: "2026-11-20" },
      { id: "f", amount: 10_500, tax: 500, day: "2026-10-31" },
    ]);
    // Another business's sales at 5 % change nothing.
    await insert(other, [{ id: "a", amount: 10_500, tax: 500, day: TODAY }]);
    expect(await recentSalesTaxRate(database.db, business.id, TODAY)).toEqual({ percent: 13, sales: 2, days: RECENT_SALES_DAYS, from: "2026-11-01", to: TODAY });
    expect((await recentSalesTaxRate(database.db, other.id, TODAY))?.percent).toBe(5);
  });

  it("is the exact quotient, not a rounded one, for a mix of rates", async () => {
    const business = await insertBusiness(database.db, "MID-RATE-3");
    await insert(business, [
      { id: "a", amount: 11_300, tax: 1_300, day: TODAY },
      { id: "b", amount: 10_500, tax: 500, day: TODAY },
    ]);
    // 1,800 / 20,000 = 9 %.
    expect((await recentSalesTaxRate(database.db, business.id, TODAY))?.percent).toBe(9);
  });

  it("is null when no recent sale carried tax", async () => {
    const business = await insertBusiness(database.db, "MID-RATE-4");
    expect(await recentSalesTaxRate(database.db, business.id, TODAY)).toBeNull();
    await insert(business, [
      { id: "a", amount: 1_000, tax: null, day: TODAY },
      { id: "b", amount: 1_000, tax: 0, day: TODAY },
      { id: "c", amount: 1_130, tax: 130, day: "2026-09-01" },
    ]);
    expect(await recentSalesTaxRate(database.db, business.id, TODAY)).toBeNull();
  });

  it("reads only the latest window through the business-date index, never the history", async () => {
    const business = await insertBusiness(database.db, "MID-RATE-SCALE", { timezone: "UTC" });
    // A year of 100,000 transactions (≈ 8,200 in the 30 days), every sale taxed at 13 %.
    await loadHistory(database.sql, business.id, { transactions: 100_000, days: 365, endDate: TODAY, prefix: "r" });
    await database.sql`update card_transactions set tax_minor = round(amount_minor * 13.0 / 113) where business_id = ${business.id} and kind = 'sale'`;
    await database.sql`analyze card_transactions`;
    const ex = explainer(database);
    const plans = await ex.explain((db) => recentSalesTaxRate(db, business.id, TODAY));
    expect(plans).toHaveLength(1);
    const [plan] = plans;
    expect(plan.seqScans("card_transactions")).toBe(0);
    expect(plan.indexes).toContain("card_transactions_business_date");
    // Stops at the newest 5,000 taxed sales (plus the refunds and chargebacks passed on the way).
    expect(plan.rowsRead("card_transactions")).toBeLessThanOrEqual(RECENT_SALES_LIMIT * 1.1);
    const rate = await recentSalesTaxRate(database.db, business.id, TODAY);
    expect(rate?.sales).toBe(RECENT_SALES_LIMIT);
    expect(Math.abs(rate!.percent - 13)).toBeLessThan(0.05);
  }, 300_000);
});
