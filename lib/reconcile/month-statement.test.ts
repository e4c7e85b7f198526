import { and, eq, sql } from "drizzle-orm";
import { parseCsv as parse } from "./testing/csv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardTransactions, qboPauses, syncItems } from "@/db/schema";
import { syncConnection } from "@/lib/sync/engine";
import { planItems } from "@/lib/sync/item-planner";
import { addConnectedBusiness, createSyncWorld, syncTestDeps, type BusinessSpec, type SyncWorld } from "@/lib/sync/testing/sync-world";
import { CSV_HEADER, reconciliationCsv, type CsvWords } from "./csv";
import { monthStatement } from "./month-statement";

/**
 * October of generated activity posted by the real engine to the sandbox, then reconciled by
 * reading QuickBooks back: a clean month has nothing unexplained; a failed item, an item marked
 * Resolved and a pause each show as explained differences with their amounts.
 */
const NOW = new Date("2026-11-10T15:00:00Z");
const MONTH = "2026-10";
let world: SyncWorld;

const spec = (merchantId: string): BusinessSpec => ({
  merchantId,
  country: "CA",
  region: "ON",
  currency: "CAD",
  timezone: "America/Toronto",
  days: 40,
  endDate: "2026-11-05",
  connectedOn: "2026-09-28",
  depositsThrough: "9999-12-31",
  transactionsPerDay: 4,
});

const words: CsvWords = {
  total: (key) => key,
  difference: (row) => `${row.cause} ${row.date ?? ""}`,
  unexplained: (key) => `unexplained ${key}`,
  pausedDeposit: (row) => `paused ${row.depositDate}`,
  leftInUndepositedFunds: (row) => `left by ${row.processorId}`,
  nothingUnexplained: "nothing unexplained",
};

beforeAll(async () => {
  world = await createSyncWorld();
}, 60_000);
afterAll(() => world?.close());

describe("monthStatement", () => {
  it("a fully synced month: every total equals QuickBooks', nothing unexplained", async () => {
    const business = await addConnectedBusiness(world, spec("MID-RC1"));
    const summary = await syncConnection(syncTestDeps(world, NOW), { connectionId: business.connectionId, trigger: "cli" });
    expect(summary.status, summary.message).toBe("succeeded");
    const report = await monthStatement(world.db, business.api, { businessId: business.businessId, connectionId: business.connectionId, month: MONTH });
    expect(report.unexplained).toEqual([]);
    const sales = report.totals.find((t) => t.key === "sales")!;
    expect(sales.processorMinor).toBeGreaterThan(0);
    expect(sales.quickbooksMinor).toBe(sales.processorMinor);
    const [{ total }] = await world.db
      .select({ total: sql<number>`sum(${cardTransactions.amountMinor})::bigint` })
      .from(cardTransactions)
      .where(and(eq(cardTransactions.businessId, business.businessId), eq(cardTransactions.kind, "sale"), sql`${cardTransactions.businessDate} between '2026-10-01' and '2026-10-31'`));
    expect(sales.processorMinor).toBe(Number(total));
    for (const key of ["refunds", "fees_processing", "deposits", "net"]) {
      const row = report.totals.find((t) => t.key === key)!;
      expect(row.differenceMinor, key).toBe(0);
    }
    expect(report.differences.filter((d) => d.cause !== "tax_from_rate")).toEqual([]);

    const csv = reconciliationCsv(report, words);
    expect(csv.charCodeAt(0)).not.toBe(0xfeff);
    const rows = parse(csv) as string[][];
    expect(rows[0]).toEqual([...CSV_HEADER]);
    const salesRow = rows.find((r) => r[0] === "total" && r[1] === "sales")!;
    expect(salesRow[2]).toMatch(/^\d+\.\d{2}$/);
    expect(salesRow[2]).toBe(salesRow[3]);
    expect(rows.at(-1)).toEqual(["summary", MONTH, "", "", "0.00", "nothing unexplained"]);
  }, 120_000);

  it("a failed item, a Resolved item and a paused stretch are explained differences with their amounts", async () => {
    const business = await addConnectedBusiness(world, { ...spec("MID-RC2"), seed: 11 });
    // A pause over 2026-10-20..2026-10-22 (resumed on the 23rd), before anything was planned.
    await world.db.insert(qboPauses).values({ connectionId: business.connectionId, pausedFrom: "2026-10-20", resumedOn: "2026-10-23" });
    await planItems(world.db, business.connectionId, business.businessId, "2026-11-09");
    const [failedSale, resolvedSale] = await world.db
      .select({ id: cardTransactions.id, processorId: cardTransactions.processorId, amountMinor: cardTransactions.amountMinor })
      .from(cardTransactions)
      .where(and(eq(cardTransactions.businessId, business.businessId), eq(cardTransactions.kind, "sale"), sql`${cardTransactions.businessDate} between '2026-10-06' and '2026-10-09'`))
      .orderBy(cardTransactions.occurredAt)
      .limit(2);
    await world.db
      .update(syncItems)
      .set({ status: "failed", faultCode: "6210", faultMessage: "Account Period Closed" })
      .where(and(eq(syncItems.connectionId, business.connectionId), eq(syncItems.recordId, failedSale.id)));
    await world.db.update(syncItems).set({ status: "resolved" }).where(and(eq(syncItems.connectionId, business.connectionId), eq(syncItems.recordId, resolvedSale.id)));

    const summary = await syncConnection(syncTestDeps(world, NOW), { connectionId: business.connectionId, trigger: "cli" });
    expect(summary.status, summary.message).toBe("succeeded");
    const report = await monthStatement(world.db, business.api, { businessId: business.businessId, connectionId: business.connectionId, month: MONTH });

    expect(report.unexplained).toEqual([]);
    const failed = report.differences.find((d) => d.item === failedSale.processorId && d.total === "sales");
    expect(failed).toMatchObject({ cause: "failed", differenceMinor: failedSale.amountMinor, quickbooksMinor: 0, detail: "Account Period Closed" });
    const resolved = report.differences.find((d) => d.item === resolvedSale.processorId && d.total === "sales");
    expect(resolved).toMatchObject({ cause: "resolved", differenceMinor: resolvedSale.amountMinor });
    // The failed sale's deposit waits; the paused days never went.
    expect(report.differences.some((d) => d.total === "deposits" && d.cause === "deposit_waiting")).toBe(true);
    expect(report.differences.some((d) => d.cause === "paused" && d.date! >= "2026-10-20" && d.date! <= "2026-10-22")).toBe(true);
    const sales = report.totals.find((t) => t.key === "sales")!;
    const explained = report.differences.filter((d) => d.total === "sales").reduce((s, d) => s + d.differenceMinor, 0);
    expect(sales.differenceMinor).toBe(explained);
    expect(sales.differenceMinor).toBeGreaterThan(failedSale.amountMinor + resolvedSale.amountMinor - 1);

    const rows = parse(reconciliationCsv(report, words)) as string[][];
    const failedRow = rows.find((r) => r[0] === "difference" && r[1] === failedSale.processorId)!;
    expect(failedRow[4]).toBe((failedSale.amountMinor / 100).toFixed(2));
    expect(failedRow[5]).toMatch(/^failed 2026-10-0\d$/);
  }, 120_000);
});
