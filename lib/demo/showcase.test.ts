import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { businesses, qboConnections, qboMappingVersions, qboPauses, syncItems, syncRuns } from "@/db/schema";
import { auditEvents } from "@/db/schema";
import { resetEnvForTests } from "@/lib/env";
import { addDays } from "@/lib/processor/timezone";
import { listFailedItems } from "@/lib/sync/failed-items";
import { createSyncWorld, type SyncWorld } from "@/lib/sync/testing/sync-world";
import { SHOWCASE_BUSINESS, SHOWCASE_COMPANY_NAME, seedShowcase, showcaseCalendar, type ShowcaseSummary } from "./showcase";
import { seedDemo } from "./seed";

/**
 * The showcase business seeded against a real (in-process) sandbox: the engine posted its month,
 * the sandbox holds the documents, and the story's moments are where the product shows them.
 */
const NOW = new Date("2026-12-02T15:00:00Z"); // a Wednesday, 10:00 in Toronto
let world: SyncWorld;
let first: ShowcaseSummary;

beforeAll(async () => {
  world = await createSyncWorld();
  // The test app's registered redirect URI (sync-world) is the callback of this APP_URL.
  process.env.APP_URL = "http://localhost:3999";
  resetEnvForTests();
  await seedDemo(world.db, { now: NOW, days: 3 });
  first = await seedShowcase(world.db, { now: NOW });
}, 300_000);

afterAll(async () => {
  delete process.env.APP_URL;
  resetEnvForTests();
  await world?.close();
});

async function showcase() {
  const [row] = await world.db
    .select({ businessId: businesses.id, connection: qboConnections })
    .from(businesses)
    .innerJoin(qboConnections, eq(qboConnections.businessId, businesses.id))
    .where(eq(businesses.merchantId, SHOWCASE_BUSINESS.merchantId));
  return row;
}

async function itemCounts(connectionId: string): Promise<Record<string, number>> {
  const rows = await world.db
    .select({ status: syncItems.status, n: count() })
    .from(syncItems)
    .where(eq(syncItems.connectionId, connectionId))
    .groupBy(syncItems.status);
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

async function sandboxCounts(realmId: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const entity of ["SalesReceipt", "RefundReceipt", "Deposit", "Purchase", "JournalEntry"]) {
    out[entity] = (await world.admin<unknown[]>("GET", `/companies/${realmId}/entities/${entity}`)).length;
  }
  return out;
}

describe("the showcase business MID-4004", () => {
  it("is connected through OAuth 35 days ago to a sandbox company, with a mapping version 1 from that day and version 2 later", async () => {
    const { connection } = await showcase();
    const calendar = showcaseCalendar("2026-10-28");
    expect(connection).toMatchObject({ status: "active", connectedOn: "2026-10-28", companyName: SHOWCASE_COMPANY_NAME, realmId: first.realmId });
    const company = await world.admin<{ connectedApps: string[]; members: string[] }>("GET", `/companies/${first.realmId}`);
    expect(company.connectedApps).toHaveLength(1);
    expect(company.members).toContain(first.sandboxLogin.email);
    const versions = await world.db.select().from(qboMappingVersions).where(eq(qboMappingVersions.connectionId, connection.id)).orderBy(qboMappingVersions.version);
    expect(versions.map((v) => [v.version, v.effectiveFrom, v.expenseAccountName])).toEqual([
      [1, "2026-10-28", "Maple Payments Expense"],
      [2, calendar.mappingChangedOn, "Bank Charges"],
    ]);
  });

  it("has every ended day since the connection synced by a daily run, and the documents are in the sandbox", async () => {
    const { connection } = await showcase();
    const runs = await world.db.select().from(syncRuns).where(eq(syncRuns.connectionId, connection.id));
    // One run per day, except the mornings of the two days that begin paused (the resume comes before the third morning run).
    expect(runs).toHaveLength(35 - 2);
    expect(runs.map((r) => r.throughDate).sort().at(-1)).toBe("2026-12-01");
    const counts = await itemCounts(connection.id);
    expect(counts.posted).toBeGreaterThan(600);
    expect(counts.failed).toBe(1);
    const documents = await sandboxCounts(first.realmId);
    expect(documents.SalesReceipt).toBeGreaterThan(500);
    expect(documents.RefundReceipt).toBeGreaterThan(8);
    expect(documents.Deposit).toBeGreaterThan(15);
  });

  it("includes a chargeback and its reversal, a negative settlement, the monthly fee and a weekend settled on Monday, all posted", async () => {
    const { businessId, connection } = await showcase();
    const calendar = showcaseCalendar("2026-10-28");
    const rows = await world.db.execute<{ kind: string; business_date: string; status: string }>(sql`
      select t.kind::text as kind, to_char(t.business_date, 'YYYY-MM-DD') as business_date, s.status::text as status
      from card_transactions t join sync_items s on s.record_id = t.id and s.record_type = 'transaction'
      where t.business_id = ${businessId} and t.kind in ('chargeback', 'chargeback_reversal')`);
    expect(rows).toContainEqual({ kind: "chargeback", business_date: calendar.chargebackOn, status: "posted" });
    expect(rows).toContainEqual({ kind: "chargeback_reversal", business_date: calendar.chargebackReversedOn, status: "posted" });

    const deposits = await world.db.execute<{ deposit_date: string; amount_minor: number; status: string; qbo_total_minor: number | null }>(sql`
      select to_char(d.deposit_date, 'YYYY-MM-DD') as deposit_date, d.amount_minor::int as amount_minor, s.status::text as status, s.qbo_total_minor::int as qbo_total_minor
      from settlement_deposits d join sync_items s on s.record_id = d.id and s.record_type = 'deposit' and s.connection_id = ${connection.id}
      where d.business_id = ${businessId}`);
    const negative = deposits.find((d) => d.deposit_date === addDays(calendar.refundDay, 1));
    expect(negative?.amount_minor).toBeLessThan(0);
    expect(negative).toMatchObject({ status: "posted", qbo_total_minor: negative?.amount_minor });
    // 2026-11-02 is a Monday: its deposit settles Friday to Sunday.
    const monday = await world.db.execute<{ days: number }>(sql`
      select count(distinct t.business_date)::int as days from settlement_deposits d join card_transactions t on t.deposit_id = d.id
      where d.business_id = ${businessId} and d.deposit_date = '2026-11-02'`);
    expect(monday[0].days).toBe(3);
    expect(deposits.find((d) => d.deposit_date === "2026-11-02")).toMatchObject({ status: "posted" });

    const fees = await world.db.execute<{ kind: string; status: string }>(sql`
      select f.kind::text as kind, s.status::text as status from fees f join sync_items s on s.record_id = f.id and s.record_type = 'fee'
      where f.business_id = ${businessId} and f.business_date = '2026-11-01'`);
    expect(fees).toEqual([{ kind: "monthly", status: "posted" }]);
  });

  it("sent nothing of the paused days, and recorded the pause and resume as the owner's actions", async () => {
    const { businessId, connection } = await showcase();
    const calendar = showcaseCalendar("2026-10-28");
    const [pause] = await world.db.select().from(qboPauses).where(eq(qboPauses.connectionId, connection.id));
    expect(pause).toMatchObject({ pausedFrom: calendar.pausedFrom, resumedOn: calendar.resumedOn });
    const paused = await world.db.execute<{ status: string; n: number }>(sql`
      select status::text as status, count(*)::int as n from sync_items
      where connection_id = ${connection.id} and business_date >= ${calendar.pausedFrom} and business_date < ${calendar.resumedOn}
      group by status`);
    expect(paused.map((r) => r.status)).toEqual(["skipped_paused"]);
    const actions = await world.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.businessId, businessId)));
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(["quickbooks.consent_given", "quickbooks.connected", "quickbooks.mapping_confirmed", "quickbooks.paused", "quickbooks.resumed", "quickbooks.mapping_changed"]));
  });

  it("leaves one failed item with QuickBooks' closed-books fault, waiting for Ready to sync or Resolved", async () => {
    const { businessId, connection } = await showcase();
    const failed = await listFailedItems(world.db, businessId, connection.id);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ recordType: "fee", kind: "service", businessDate: showcaseCalendar("2026-10-28").serviceFeeOn });
    expect(failed[0].fault.code).toBe("6210");
    // The accountant reopened the books afterwards: Ready to sync would post it now.
    const company = await world.admin<{ closedBefore: string | null }>("GET", `/companies/${first.realmId}`);
    expect(company.closedBefore).toBeNull();
  });

  it("adds nothing when seeded again the same day", async () => {
    const { connection } = await showcase();
    const before = { items: await itemCounts(connection.id), documents: await sandboxCounts(first.realmId) };
    const [{ runs }] = await world.db.select({ runs: count() }).from(syncRuns).where(eq(syncRuns.connectionId, connection.id));
    const again = await seedShowcase(world.db, { now: NOW });
    expect(again).toMatchObject({ runs: 0, realmId: first.realmId, events: { accepted: 0 } });
    expect(await itemCounts(connection.id)).toEqual(before.items);
    expect(await sandboxCounts(first.realmId)).toEqual(before.documents);
    const [{ runsAfter }] = await world.db.select({ runsAfter: count() }).from(syncRuns).where(eq(syncRuns.connectionId, connection.id));
    expect(runsAfter).toBe(runs);
  });
});
