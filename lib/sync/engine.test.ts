import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardTransactions, fees, settlementDeposits, syncItems, syncRuns } from "@/db/schema";
import { syncConnection, type SyncDeps, type SyncSummary } from "./engine";
import { claimRun, finishRun } from "./run-lock";
import { trialBalance } from "./testing/books";
import { addConnectedBusiness, createSyncWorld, syncTestDeps, type SyncWorld, type WorldBusiness } from "./testing/sync-world";

/**
 * 60 days of generated activity for an Ontario, a Quebec and a New York business, posted to the
 * sandbox through the engine, then checked the way an accountant would: every record once, every
 * deposit tied to the processor's amount, Undeposited Funds at zero, revenue, fees and sales tax
 * equal to the processor's totals, and a second run that changes nothing.
 */
const NOW = new Date("2026-11-10T15:00:00Z");
const deps = (world: SyncWorld): SyncDeps => syncTestDeps(world, NOW);

const BUSINESSES = [
  { merchantId: "MID-ON", country: "CA", region: "ON", currency: "CAD", timezone: "America/Toronto" },
  { merchantId: "MID-QC", country: "CA", region: "QC", currency: "CAD", timezone: "America/Montreal" },
  { merchantId: "MID-NY", country: "US", region: "NY", currency: "USD", timezone: "America/New_York" },
] as const;

let world: SyncWorld;
const connected: WorldBusiness[] = [];

beforeAll(async () => {
  world = await createSyncWorld();
  for (const b of BUSINESSES) {
    connected.push(
      await addConnectedBusiness(world, { ...b, days: 60, endDate: "2026-10-31", connectedOn: "2026-09-01", depositsThrough: "9999-12-31" }),
    );
  }
}, 120_000);
afterAll(() => world?.close());

async function processorTotals(business: WorldBusiness) {
  const signed = sql<number>`sum(case when ${cardTransactions.kind} in ('sale','chargeback_reversal') then 1 else -1 end * ${cardTransactions.amountMinor})::bigint`;
  const signedTax = sql<number>`sum(case when ${cardTransactions.kind} in ('sale','chargeback_reversal') then 1 else -1 end * coalesce(${cardTransactions.taxMinor}, 0))::bigint`;
  const [t] = await world.db.select({ gross: signed, tax: signedTax, n: sql<number>`count(*)::int` }).from(cardTransactions).where(eq(cardTransactions.businessId, business.businessId));
  const [f] = await world.db.select({ total: sql<number>`coalesce(sum(${fees.amountMinor}), 0)::bigint` }).from(fees).where(eq(fees.businessId, business.businessId));
  const [d] = await world.db.select({ total: sql<number>`sum(${settlementDeposits.amountMinor})::bigint`, n: sql<number>`count(*)::int` }).from(settlementDeposits).where(eq(settlementDeposits.businessId, business.businessId));
  return { gross: Number(t.gross), tax: Number(t.tax), transactions: t.n, fees: Number(f.total), deposits: Number(d.total), depositCount: d.n };
}

describe.each(BUSINESSES.map((b, i) => [b.merchantId, i] as const))("60 days for %s", (_merchantId, index) => {
  // The first run is part of the setup, so each test below stands on its own whatever runs first.
  let firstRun: SyncSummary;
  beforeAll(async () => {
    firstRun = await syncConnection(deps(world), { connectionId: connected[index].connectionId, trigger: "cli" });
  }, 120_000);

  it("posts every record exactly once and ties every deposit to the bank", async () => {
    const business = connected[index];
    const summary = firstRun;
    expect(summary.status, summary.message).toBe("succeeded");
    const totals = await processorTotals(business);

    const receipts = [
      ...(await world.admin<{ DocNumber: string; PrivateNote: string }[]>("GET", `/companies/${business.realmId}/entities/SalesReceipt`)),
      ...(await world.admin<{ DocNumber: string; PrivateNote: string }[]>("GET", `/companies/${business.realmId}/entities/RefundReceipt`)),
    ];
    expect(receipts).toHaveLength(totals.transactions);
    expect(new Set(receipts.map((r) => r.DocNumber)).size).toBe(totals.transactions);

    const deposits = await world.admin<{ TotalAmt: number; PrivateNote: string }[]>("GET", `/companies/${business.realmId}/entities/Deposit`);
    const journal = await world.admin<unknown[]>("GET", `/companies/${business.realmId}/entities/JournalEntry`);
    expect(deposits.length + journal.length).toBe(totals.depositCount);
    const processorDeposits = await world.db.select().from(settlementDeposits).where(eq(settlementDeposits.businessId, business.businessId));
    const byNote = new Map(deposits.map((d) => [d.PrivateNote.split(" ")[0], Math.round(d.TotalAmt * 100)]));
    for (const d of processorDeposits.filter((x) => x.amountMinor > 0)) expect(byNote.get(d.processorId), d.processorId).toBe(d.amountMinor);
    expect(summary.depositsTiedOut).toBe(processorDeposits.filter((x) => x.amountMinor > 0).length);

    const items = await world.db.select({ id: syncItems.id, status: syncItems.status }).from(syncItems).where(eq(syncItems.connectionId, business.connectionId));
    expect(items.filter((i) => i.status !== "posted")).toEqual([]);
  });

  it("leaves the books equal to the processor's totals (Reports API)", async () => {
    const business = connected[index];
    const totals = await processorTotals(business);
    const balances = await trialBalance(business.api);
    const accounts = await business.api.queryAll("Account");
    const idOf = (predicate: (a: Record<string, unknown>) => boolean) => accounts.find(predicate)!.Id;
    const balance = (id: string) => balances.get(id) ?? 0;

    expect(balance(idOf((a) => a.AccountSubType === "UndepositedFunds"))).toBe(0);
    const revenue = -balance(idOf((a) => a.Name === "Maple Payments Revenue"));
    const expense = balance(idOf((a) => a.Name === "Maple Payments Expense"));
    const taxLiability = accounts
      .filter((a) => a.AccountType === "Other Current Liability")
      .reduce((sum, a) => sum - balance(a.Id), 0);
    expect(revenue + taxLiability).toBe(totals.gross);
    expect(taxLiability).toBe(totals.tax);
    expect(expense).toBe(totals.fees);
  });

  it("changes nothing when run again", async () => {
    const business = connected[index];
    const before = await world.admin<unknown[]>("GET", `/companies/${business.realmId}/entities/SalesReceipt`);
    const summary = await syncConnection(deps(world), { connectionId: business.connectionId, trigger: "cli" });
    expect(summary.status).toBe("succeeded");
    expect(summary.documentsCreated).toEqual({});
    const after = await world.admin<unknown[]>("GET", `/companies/${business.realmId}/entities/SalesReceipt`);
    expect(after).toHaveLength(before.length);
  });
});

describe("a run already going on", () => {
  // A business of its own, so these runs neither depend on nor disturb the 60-day ones.
  let business: WorldBusiness;
  beforeAll(async () => {
    business = await addConnectedBusiness(world, { ...BUSINESSES[0], merchantId: "MID-LEASE", days: 3, endDate: "2026-10-31", connectedOn: "2026-10-29", depositsThrough: "9999-12-31" });
  }, 60_000);

  it("makes a second run of the same connection stop without touching anything", async () => {
    const held = await claimRun(world.db, business.connectionId, "schedule", "2026-11-09");
    expect(held).not.toBeNull();
    expect(await claimRun(world.db, business.connectionId, "manual", "2026-11-09")).toBeNull();
    const summary = await syncConnection(deps(world), { connectionId: business.connectionId, trigger: "manual" });
    expect(summary.status).toBe("already_running");
    await finishRun(world.db, held!, { status: "succeeded", summary: { documentsCreated: {}, itemsFailed: 0, durationMs: 0 } });
  });

  it("takes over a run whose process died (its lease lapsed)", async () => {
    const stale = await claimRun(world.db, business.connectionId, "schedule", "2026-11-09", new Date(Date.now() - 60 * 60 * 1000));
    expect(stale).not.toBeNull();
    const summary = await syncConnection(deps(world), { connectionId: business.connectionId, trigger: "manual" });
    expect(summary.status).toBe("succeeded");
    const [old] = await world.db.select().from(syncRuns).where(eq(syncRuns.id, stale!));
    expect(old.status).toBe("failed");
  }, 120_000);
});
