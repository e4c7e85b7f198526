import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { qboConnections } from "@/db/schema";
import { explainer, total } from "@/db/testing/explain";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-database";
import { depositItemTotals, listDepositFees, listDepositTransactions } from "@/lib/portal/deposits";
import { insertBusiness } from "@/lib/portal/test-fixtures";
import { dayLedger } from "./day-ledger";
import { dueConnectionsPage } from "./due-connections";
import { planItems } from "./item-planner";
import { insertConnection, type Connection } from "./sync-test-fixtures";
import { loadHistory } from "./testing/scale-data";

/**
 * The shapes that keep the Manage page, planning, the fan-out and a deposit's drill-down flat as
 * history grows: with a year of 200,000 transactions and 196,000 fees behind one business and
 * 2,000 connections, EXPLAIN ANALYZE of the exact statements shows that each reads the rows of
 * its page (31 days, the new records, a page of connections, a page of items) and never the
 * history. Row counts, not timings. SHOW_PLANS=1 prints the plans.
 */
const TRANSACTIONS = 200_000;
const DAYS = 365;
const END = "2026-11-30";
const CONNECTIONS = 2_000;

let database: TestDatabase;
let businessId: string;
let connection: Connection;
let ex: ReturnType<typeof explainer>;

beforeAll(async () => {
  database = await createTestDatabase();
  ex = explainer(database);
  const business = await insertBusiness(database.db, "MID-SCALE", { timezone: "UTC" });
  businessId = business.id;
  await loadHistory(database.sql, businessId, { transactions: TRANSACTIONS, days: DAYS, endDate: END });
  connection = await insertConnection(database.db, business, { connectedOn: "2026-11-01" });
  // The first plan takes the whole history (that is its work); later plans take what is new.
  await planItems(database.db, connection.id, businessId, END);
  await database.sql`update sync_items set status = 'posted' where connection_id = ${connection.id} and status = 'pending'`;
  // Many more connections, each due, each with a business of its own.
  await database.sql`
    with b as (
      insert into businesses (merchant_id, legal_name, country, region, currency, timezone)
      select 'MID-FAN-' || g, 'Fan ' || g, 'CA', 'ON', 'CAD', 'America/Toronto' from generate_series(1, ${CONNECTIONS}::int) g
      returning id
    )
    , c as (
      insert into qbo_connections (business_id, status, realm_id, connected_on, setup_completed_at)
      select b.id, 'active', 'realm-fan-' || b.id, '2026-11-01', now() from b returning business_id
    )
    -- One sale each on the last ended day: every one of them is due.
    insert into card_transactions (business_id, processor_id, kind, amount_minor, currency, card_brand, last4, occurred_at, business_date, payload_hash)
    select business_id, 'fan', 'sale', 1000, 'CAD', 'visa', '4242', '2026-11-30T17:00:00Z', '2026-11-30', 'fan' from c`;
  // Other businesses' kept rows: 60 days each, so the kept tables are as large as in a real portal.
  await database.sql`
    insert into business_day_totals (business_id, business_date, sale_count, sale_minor)
    select b.id, date '2026-10-01' + d, 10, 1000 from businesses b cross join generate_series(0, 59) d where b.merchant_id like 'MID-FAN-%'`;
  await database.sql`
    insert into sync_day_statuses (connection_id, business_date, posted)
    select c.id, date '2026-10-01' + d, 10 from qbo_connections c cross join generate_series(0, 59) d where c.realm_id like 'realm-fan-%'`;
  await database.sql`analyze`;
}, 600_000);
afterAll(async () => {
  await database?.drop();
});

describe("query shapes at scale", () => {
  it("the day ledger reads one kept row per day, never the records", async () => {
    const plans = await ex.explain((db) => dayLedger(db, { businessId, connectionId: connection.id }, { today: "2026-11-29" }));
    expect(plans).toHaveLength(1);
    const [plan] = plans;
    expect(plan.rowsRead("card_transactions")).toBe(0);
    expect(plan.rowsRead("fees")).toBe(0);
    expect(plan.rowsRead("business_day_totals")).toBeLessThanOrEqual(31);
    expect(plan.rowsRead("sync_day_statuses")).toBeLessThanOrEqual(31);
    // The deposits of the 31 days and their one sync item each.
    expect(plan.rowsRead("settlement_deposits")).toBeLessThanOrEqual(31);
    expect(plan.rowsRead("sync_items")).toBeLessThanOrEqual(31);
    const days = await dayLedger(database.db, { businessId, connectionId: connection.id }, { today: "2026-11-29" });
    expect(days[0].kinds.sale?.count).toBeGreaterThan(400);
  });

  it("planning with nothing new reads the queue, not the history", async () => {
    await planItems(database.db, connection.id, businessId, END);
    const plans = await ex.explain((db) => planItems(db, connection.id, businessId, END));
    expect(plans).toHaveLength(3);
    expect(total(plans, (p) => p.rowsRead("card_transactions") + p.rowsRead("fees") + p.rowsRead("settlement_deposits"))).toBe(0);
    expect(total(plans, (p) => p.rowsRead("unplanned_records"))).toBe(0);
    expect(total(plans, (p) => p.rowsRead("sync_items"))).toBe(0);
  });

  it("planning new records reads those records only", async () => {
    await database.sql`
      insert into card_transactions (business_id, processor_id, kind, amount_minor, currency, card_brand, last4, occurred_at, business_date, payload_hash)
      select ${businessId}, 'late_' || g, 'sale', 500, 'CAD', 'visa', '4242', '2026-11-29T12:00:00Z', '2026-11-29', 'late' from generate_series(1, 40) g`;
    const plans = await ex.explain((db) => planItems(db, connection.id, businessId, END), { rollback: true });
    expect(total(plans, (p) => p.rowsRead("card_transactions"))).toBe(40);
    // The 40 new transactions, and nothing else: fees waiting for a deposit are not plannable yet.
    expect(total(plans, (p) => p.rowsRead("unplanned_records"))).toBe(40);
    expect(await planItems(database.db, connection.id, businessId, END)).toBe(40);
  });

  it("a fan-out page reads a page of connections, and each one's own rows", { timeout: 180_000 }, async () => {
    const pageSize = 100;
    const plans = await ex.explain((db) => dueConnectionsPage(db, { now: new Date("2026-12-01T12:00:00Z"), pageSize }));
    const connectionsRead = total(plans, (p) => p.rowsRead("qbo_connections"));
    expect(connectionsRead).toBeLessThanOrEqual(3 * pageSize);
    expect(total(plans, (p) => p.seqScans("qbo_connections") + p.seqScans("businesses") + p.seqScans("unplanned_records"))).toBe(0);
    expect(total(plans, (p) => p.rowsRead("card_transactions") + p.rowsRead("fees"))).toBe(0);
    const page = await dueConnectionsPage(database.db, { now: new Date("2026-12-01T12:00:00Z"), pageSize });
    expect(page.connections).toHaveLength(pageSize);
  });

  it("a connection not due yet is skipped by its next-due time, and due again once it passes", { timeout: 180_000 }, async () => {
    const now = new Date("2026-12-01T12:00:00Z");
    const dueIds = async () => {
      const ids: string[] = [];
      let after: string | null = null;
      do {
        const page = await dueConnectionsPage(database.db, { now, after, pageSize: 500 });
        ids.push(...page.connections.map((c) => c.connectionId));
        after = page.next;
      } while (after);
      return ids;
    };
    // A late sale of its own, planned: the connection has a pending item, so it is due.
    await database.sql`
      insert into card_transactions (business_id, processor_id, kind, amount_minor, currency, card_brand, last4, occurred_at, business_date, payload_hash)
      values (${businessId}, 'due_1', 'sale', 500, 'CAD', 'visa', '4242', '2026-11-29T12:00:00Z', '2026-11-29', 'due')`;
    expect(await planItems(database.db, connection.id, businessId, END)).toBeGreaterThanOrEqual(1);
    expect(await dueIds()).toContain(connection.id);
    await database.db.update(qboConnections).set({ nextSyncDueAt: new Date("2026-12-02T05:00:00Z") }).where(eq(qboConnections.id, connection.id));
    expect(await dueIds()).not.toContain(connection.id);
    await database.db.update(qboConnections).set({ nextSyncDueAt: sql`null` }).where(eq(qboConnections.id, connection.id));
  });

  it("a deposit's drill-down reads a page of its items, and its totals from the index alone", async () => {
    const [deposit] = await database.sql<{ id: string; n: number }[]>`
      select deposit_id as id, count(*)::int as n from card_transactions where business_id = ${businessId} and deposit_id is not null
      group by deposit_id order by deposit_id limit 1`;
    expect(deposit.n).toBeGreaterThan(500);
    const [transactionsPage] = await ex.explain((db) => listDepositTransactions(db, businessId, deposit.id, { limit: 50 }));
    expect(transactionsPage.rowsRead("card_transactions")).toBeLessThanOrEqual(51);
    expect(transactionsPage.indexes).toContain("card_transactions_deposit");
    const [feesPage] = await ex.explain((db) => listDepositFees(db, businessId, deposit.id, { limit: 50 }));
    expect(feesPage.rowsRead("fees")).toBeLessThanOrEqual(51);
    await database.sql`vacuum analyze card_transactions, fees`;
    const [totals] = await ex.explain((db) => depositItemTotals(db, businessId, deposit.id));
    const itemScans = totals.nodes.filter((n) => n["Relation Name"] === "card_transactions" || n["Relation Name"] === "fees");
    expect(itemScans.map((n) => n["Node Type"])).toEqual(["Index Only Scan", "Index Only Scan"]);
    expect(totals.rowsRead("card_transactions")).toBe(deposit.n);
  });
});
