import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardTransactions, qboMappingVersions, qboPauses, settlementDeposits, syncItems } from "@/db/schema";
import { syncConnection, type SyncDeps } from "./engine";
import { trialBalance } from "./testing/books";
import { addConnectedBusiness, createSyncWorld, syncTestDeps, type SyncWorld, type WorldBusiness } from "./testing/sync-world";

/**
 * The product rules at the edges of time: nothing dated before the connection day or inside a
 * pause is posted (yet every deposit still ties to the bank), and a mapping change applies from
 * its day on without touching what was posted.
 */
const NOW = new Date("2026-11-20T15:00:00Z");
let world: SyncWorld;
let counter = 0;

beforeAll(async () => {
  world = await createSyncWorld();
}, 60_000);
afterAll(() => world?.close());

const deps = (): SyncDeps => syncTestDeps(world, NOW);

async function business(connectedOn: string): Promise<WorldBusiness> {
  counter += 1;
  return addConnectedBusiness(world, {
    merchantId: `MID-B${counter}`,
    country: "CA",
    region: "QC",
    currency: "CAD",
    timezone: "America/Montreal",
    days: 14,
    endDate: "2026-11-14",
    connectedOn,
    transactionsPerDay: 12,
    depositsThrough: "9999-12-31",
    seed: 100 + counter,
  });
}

async function statusesByDate(b: WorldBusiness) {
  return world.db
    .select({ date: syncItems.businessDate, status: syncItems.status, type: syncItems.recordType })
    .from(syncItems)
    .where(eq(syncItems.connectionId, b.connectionId));
}

/**
 * Every processor deposit that was posted equals its QuickBooks deposit, and Undeposited Funds
 * holds exactly the receipts whose deposit was never sent (dated inside a pause): the owner was
 * told that paused days' data is never sent, deposits included.
 */
async function expectDepositsTie(b: WorldBusiness) {
  const posted = await world.db
    .select({ processorAmount: settlementDeposits.amountMinor, qboTotal: syncItems.qboTotalMinor })
    .from(syncItems)
    .innerJoin(settlementDeposits, eq(settlementDeposits.id, syncItems.recordId))
    .where(and(eq(syncItems.connectionId, b.connectionId), eq(syncItems.recordType, "deposit"), eq(syncItems.status, "posted")));
  expect(posted.length).toBeGreaterThan(0);
  for (const d of posted.filter((p) => p.processorAmount > 0)) expect(d.qboTotal).toBe(d.processorAmount);
  const accounts = await b.api.queryAll("Account");
  const uf = accounts.find((a) => a.AccountSubType === "UndepositedFunds")!;
  const [stranded] = await world.db.execute<{ minor: number }>(sql`
    select coalesce(sum(case when t.kind in ('sale','chargeback_reversal') then t.amount_minor else -t.amount_minor end), 0)::bigint as minor
    from card_transactions t
    join sync_items ti on ti.record_id = t.id and ti.connection_id = ${b.connectionId} and ti.status = 'posted'
    join sync_items di on di.record_id = t.deposit_id and di.connection_id = ${b.connectionId} and di.status = 'skipped_paused'`);
  expect((await trialBalance(b.api)).get(uf.Id) ?? 0).toBe(Number(stranded.minor));
}

describe("records before the connection day", () => {
  it("are never posted, and the first deposits carry them as direct lines so they still tie", async () => {
    const b = await business("2026-11-06");
    const summary = await syncConnection(deps(), { connectionId: b.connectionId, trigger: "cli" });
    expect(summary.status, summary.message).toBe("succeeded");
    const items = await statusesByDate(b);
    const early = items.filter((i) => i.date < "2026-11-06");
    expect(early.length).toBeGreaterThan(0);
    expect(early.filter((i) => i.status !== "before_connection")).toEqual([]);
    expect(items.filter((i) => i.date >= "2026-11-06" && i.status !== "posted")).toEqual([]);

    const receipts = await world.admin<{ TxnDate: string }[]>("GET", `/companies/${b.realmId}/entities/SalesReceipt`);
    expect(receipts.map((r) => r.TxnDate).filter((date) => date < "2026-11-06")).toEqual([]);
    const deposits = await world.admin<{ TxnDate: string; Line: { DepositLineDetail?: unknown; Description?: string }[] }[]>(
      "GET",
      `/companies/${b.realmId}/entities/Deposit`,
    );
    expect(deposits.map((d) => d.TxnDate).filter((date) => date < "2026-11-06")).toEqual([]);
    // The deposit on the connection day settles the day before: all direct lines, labelled.
    const first = deposits.sort((x, y) => x.TxnDate.localeCompare(y.TxnDate))[0];
    expect(first.Line.some((l) => l.DepositLineDetail && /txn|sale|MID/i.test(l.Description ?? ""))).toBe(true);
    await expectDepositsTie(b);
  });
});

describe("a pause", () => {
  it("never sends what is dated inside it; resume posts from the resume day on", async () => {
    const b = await business("2026-11-01");
    // Synced up to the 4th, then paused on the 5th, resumed on the 9th.
    expect((await syncConnection(deps(), { connectionId: b.connectionId, trigger: "cli", through: "2026-11-04" })).status).toBe("succeeded");
    await world.db.insert(qboPauses).values({ connectionId: b.connectionId, pausedFrom: "2026-11-05", resumedOn: "2026-11-09" });
    const summary = await syncConnection(deps(), { connectionId: b.connectionId, trigger: "cli" });
    expect(summary.status, summary.message).toBe("succeeded");

    const items = await statusesByDate(b);
    const inPause = items.filter((i) => i.date >= "2026-11-05" && i.date < "2026-11-09");
    expect(inPause.length).toBeGreaterThan(0);
    expect(inPause.filter((i) => i.status !== "skipped_paused")).toEqual([]);
    expect(items.filter((i) => (i.date < "2026-11-05" || i.date >= "2026-11-09") && i.status !== "posted")).toEqual([]);

    const receiptDates = [
      ...(await world.admin<{ TxnDate: string }[]>("GET", `/companies/${b.realmId}/entities/SalesReceipt`)),
      ...(await world.admin<{ TxnDate: string }[]>("GET", `/companies/${b.realmId}/entities/RefundReceipt`)),
    ].map((r) => r.TxnDate);
    expect(receiptDates.some((d) => d >= "2026-11-05" && d < "2026-11-09")).toBe(false);
    await expectDepositsTie(b);
  });
});

describe("a mapping change in the middle of the period", () => {
  it("posts with the new accounts from its day on and leaves earlier documents and their item alone", async () => {
    const b = await business("2026-11-01");
    expect((await syncConnection(deps(), { connectionId: b.connectionId, trigger: "cli", through: "2026-11-07" })).status).toBe("succeeded");
    const [v1] = await world.db.select().from(qboMappingVersions).where(eq(qboMappingVersions.connectionId, b.connectionId));
    const newRevenue = await b.api.create("Account", { Name: "Card Revenue 2", AccountType: "Income", AccountSubType: "SalesOfProductIncome" });
    await world.db.insert(qboMappingVersions).values({
      ...v1,
      id: undefined,
      version: 2,
      effectiveFrom: "2026-11-08",
      revenueAccountId: newRevenue.Id,
      revenueAccountName: String(newRevenue.Name),
      createdAt: undefined,
    });
    expect((await syncConnection(deps(), { connectionId: b.connectionId, trigger: "cli" })).status).toBe("succeeded");

    const items = await b.api.queryAll("Item");
    const oldItem = items.find((i) => (i.IncomeAccountRef as { value: string }).value === v1.revenueAccountId)!;
    const newItem = items.find((i) => (i.IncomeAccountRef as { value: string }).value === newRevenue.Id)!;
    expect(oldItem).toBeTruthy();
    expect(newItem).toBeTruthy();
    expect(newItem.Id).not.toBe(oldItem.Id);

    const receipts = await world.admin<{ TxnDate: string; Line: { SalesItemLineDetail?: { ItemRef: { value: string } } }[] }[]>(
      "GET",
      `/companies/${b.realmId}/entities/SalesReceipt`,
    );
    const itemOf = (r: (typeof receipts)[number]) => r.Line.find((l) => l.SalesItemLineDetail)!.SalesItemLineDetail!.ItemRef.value;
    expect(new Set(receipts.filter((r) => r.TxnDate <= "2026-11-07").map(itemOf))).toEqual(new Set([oldItem.Id]));
    expect(new Set(receipts.filter((r) => r.TxnDate >= "2026-11-08").map(itemOf))).toEqual(new Set([newItem.Id]));
    const versions = await world.db
      .select({ v: syncItems.mappingVersion, n: sql<number>`count(*)::int` })
      .from(syncItems)
      .innerJoin(cardTransactions, eq(cardTransactions.id, syncItems.recordId))
      .where(eq(syncItems.connectionId, b.connectionId))
      .groupBy(syncItems.mappingVersion);
    expect(versions.map((v) => v.v).sort()).toEqual([1, 2]);
    await expectDepositsTie(b);
  });
});
