import os from "node:os";
import postgres from "postgres";
import { connectDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { businesses, qboConnections } from "@/db/schema";
import { resetEnvForTests } from "@/lib/env";
import { depositItemTotals, getDeposit, listDepositFees, listDepositTransactions } from "@/lib/portal/deposits";
import { ingestEvents } from "@/lib/processor/ingest";
import { mappingHealthForView, recordMappingHealth } from "@/lib/quickbooks/mapping/mapping-health-cache";
import { dayLedger } from "@/lib/sync/day-ledger";
import { dueConnectionsPage } from "@/lib/sync/due-connections";
import { planItems } from "@/lib/sync/item-planner";
import { loadHistory } from "@/lib/sync/testing/scale-data";
import { eq } from "drizzle-orm";

/**
 * `npm run bench:scale`: for each path of issue 15, its cost at a large size divided by its cost at
 * a small one (the target: flat, i.e. within 2×; deposit linking: linear, 2× the items ≤ 2.2× the
 * time). Sizes: BENCH_SCALE_TRANSACTIONS (default 1,000,000 a year) against 5,000 a year for the
 * business paths; BENCH_SCALE_CONNECTIONS (comma-separated, default 10,000 and 100,000) against 1,000 for the fan-out.
 *
 * Loading: the histories and the connections are written with set-based SQL (lib/sync/testing/
 * scale-data.ts; the triggers keep the day totals and the planner's queue as at ingest) because
 * loading is not what is measured; deposit linking is measured through the ingest API itself.
 * Times are medians of several runs, in ms.
 */
const LARGE = Number(process.env.BENCH_SCALE_TRANSACTIONS ?? 1_000_000);
const SMALL = 5_000;
// Comma-separated: each size is fanned out in turn and compared with the small one.
const CONNECTIONS = (process.env.BENCH_SCALE_CONNECTIONS ?? "10000,100000").split(",").map(Number);
const SMALL_CONNECTIONS = 1_000;
const SERVER_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const END = "2026-11-30";

async function median(runs: number, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  await work(); // warm-up
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const rows: { path: string; small: number; large: number; target: string; note: string }[] = [];
function report(path: string, small: number, large: number, target: string, note = "") {
  rows.push({ path, small, large, target, note });
  console.log(`${path}: small ${small.toFixed(2)} ms, large ${large.toFixed(2)} ms, ratio ${(large / small).toFixed(2)} (target ${target}) ${note}`);
}

async function main() {
  const name = `settlebooks_bench_scale_${Date.now()}`;
  const admin = postgres(SERVER_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  const database = connectDatabase(url.toString(), { max: 4 });
  const { db, sql } = database;
  Object.assign(process.env, { DATABASE_URL: url.toString() });
  resetEnvForTests();
  try {
    await migrateDatabase(db);
    console.log(`scale benchmark on ${os.cpus().length} cores (${os.cpus()[0]?.model}), ${new Date().toISOString()}`);

    // 1. Deposit linking at ingest, through ingestEvents: a deposit batch that settles N stored items.
    // Three samples of each size (a fresh business each), the median kept: one sample is too noisy.
    const linkingSamples: Record<number, number[]> = { 10_000: [], 20_000: [] };
    for (const [sample, n] of [0, 1, 2].flatMap((s) => [10_000, 20_000].map((n) => [s, n] as const))) {
      const merchantId = `MID-LINK-${n}-${sample}`;
      await ingestEvents(db, [{ type: "business", id: merchantId, legalName: "Linking", country: "CA", region: "ON", currency: "CAD", timezone: "America/Toronto", ownerEmail: `o-${n}-${sample}@example.test` }]);
      const ids = Array.from({ length: n }, (_, i) => `${merchantId}-t${i}`);
      for (let i = 0; i < n; i += 10_000) {
        await ingestEvents(
          db,
          ids.slice(i, i + 10_000).map((id) => ({ type: "transaction", id, merchantId, kind: "sale", amountMinor: 1_000, currency: "CAD", occurredAt: "2026-11-20T15:00:00Z", cardBrand: "visa", last4: "4242" })),
        );
      }
      const started = performance.now();
      await ingestEvents(db, [{ type: "deposit", id: `${merchantId}-d`, merchantId, depositDate: "2026-11-21", amountMinor: n * 1_000, currency: "CAD", bankLast4: "6789", transactionIds: ids }]);
      linkingSamples[n].push(performance.now() - started);
    }
    const linking = [10_000, 20_000].map((n) => linkingSamples[n].sort((a, b) => a - b)[1]);
    report("deposit linking at ingest (10,000 → 20,000 stored items)", linking[0], linking[1], "≤ 2.2", "(through ingestEvents)");

    // The businesses: a year of history each, a connection since a month, everything planned and posted.
    const scope: Record<"small" | "large", { businessId: string; connectionId: string }> = {} as never;
    for (const [size, transactions] of [["small", SMALL], ["large", LARGE]] as const) {
      const loadStarted = performance.now();
      const [business] = await db.insert(businesses).values({ merchantId: `MID-${size.toUpperCase()}`, legalName: size, country: "CA", region: "ON", currency: "CAD", timezone: "UTC" }).returning();
      await loadHistory(sql, business.id, { transactions, days: 365, endDate: END, prefix: size });
      const [connection] = await db
        .insert(qboConnections)
        .values({ businessId: business.id, status: "active", realmId: `realm-${size}`, connectedOn: "2026-11-01", setupCompletedAt: new Date() })
        .returning();
      await planItems(db, connection.id, business.id, END);
      await sql`update sync_items set status = 'posted' where connection_id = ${connection.id} and status = 'pending'`;
      await sql`vacuum analyze`;
      scope[size] = { businessId: business.id, connectionId: connection.id };
      console.log(`loaded ${size}: ${transactions} transactions in ${Math.round((performance.now() - loadStarted) / 1000)} s (SQL)`);
    }

    // 2. Deposit detail: the largest deposit's first page of transactions and fees, and its totals.
    const detail = async (s: { businessId: string }) => {
      const [deposit] = await sql<{ id: string }[]>`
        select deposit_id as id from card_transactions where business_id = ${s.businessId} and deposit_id is not null
        group by deposit_id order by count(*) desc limit 1`;
      return median(9, async () => {
        await getDeposit(db, s.businessId, deposit.id);
        await Promise.all([depositItemTotals(db, s.businessId, deposit.id), listDepositTransactions(db, s.businessId, deposit.id), listDepositFees(db, s.businessId, deposit.id)]);
      });
    };
    report("deposit detail (largest deposit: page of items + totals)", await detail(scope.small), await detail(scope.large), "≤ 2");

    // 3. The Manage page's day ledger (31 days).
    const ledger = (s: { businessId: string; connectionId: string }) => median(9, () => dayLedger(db, s, { today: "2026-11-29" }));
    report("day ledger (31 days)", await ledger(scope.small), await ledger(scope.large), "≤ 2");

    // 4. Planning with nothing new.
    const plan = (s: { businessId: string; connectionId: string }) => median(9, () => planItems(db, s.connectionId, s.businessId, END));
    report("planning with nothing new", await plan(scope.small), await plan(scope.large), "≤ 2");

    // 5. Manage views while the health result is fresh: QuickBooks calls (counted at fetch).
    let qboCalls = 0;
    const realFetch = globalThis.fetch;
    globalThis.fetch = ((input: Parameters<typeof fetch>[0], init?: RequestInit) => {
      qboCalls += 1;
      return realFetch(input, init);
    }) as typeof fetch;
    const [largeConnection] = await db.select().from(qboConnections).where(eq(qboConnections.id, scope.large.connectionId));
    await sql`insert into qbo_mapping_versions (connection_id, version, effective_from, bank_account_id, bank_account_name, revenue_account_id, revenue_account_name,
      expense_account_id, expense_account_name, customer_id, customer_name, tax_code_id, tax_code_name)
      values (${largeConnection.id}, 1, '2026-11-01', '35', 'Bank', '90', 'Revenue', '91', 'Expense', '58', 'Customer', '7', 'HST')`;
    await recordMappingHealth(db, largeConnection.id, 1, { state: "ok" });
    for (let i = 0; i < 8; i++) await mappingHealthForView(db, largeConnection);
    globalThis.fetch = realFetch;
    console.log(`Manage views with a fresh health result: 8 views, ${qboCalls} QuickBooks calls (target 0)`);

    // 6. Hourly fan-out: connections each with one new sale of yesterday (due), SQL-loaded.
    const fanOut = async (count: number, prefix: string) => {
      await sql`
        with b as (
          insert into businesses (merchant_id, legal_name, country, region, currency, timezone)
          select ${prefix} || g, 'Fan ' || g, 'CA', 'ON', 'CAD', 'America/Toronto' from generate_series(1, ${count}::int) g returning id
        ), c as (
          insert into qbo_connections (business_id, status, realm_id, connected_on, setup_completed_at)
          select b.id, 'active', 'realm-' || b.id, '2026-11-01', now() from b returning business_id
        )
        insert into card_transactions (business_id, processor_id, kind, amount_minor, currency, card_brand, last4, occurred_at, business_date, payload_hash)
        select business_id, 'fan', 'sale', 1000, 'CAD', 'visa', '4242', '2026-11-30T17:00:00Z', '2026-11-30', 'fan' from c`;
      await sql`vacuum analyze`;
      const now = new Date("2026-12-01T12:00:00Z");
      const started = performance.now();
      let after: string | null = null;
      let due = 0;
      let pages = 0;
      do {
        const page = await dueConnectionsPage(db, { now, after, pageSize: 100 });
        due += page.connections.length;
        pages += 1;
        after = page.next;
      } while (after);
      const elapsed = performance.now() - started;
      // Take these out of the next measurement's way: they were fanned out (as a finished run would).
      await sql`update qbo_connections set next_sync_due_at = '2026-12-02T05:00:00Z' where realm_id like 'realm-%' and realm_id not in ('realm-small', 'realm-large')`;
      console.log(`fan-out of ${count} connections: ${due} due in ${pages} pages, ${Math.round(elapsed)} ms (${(elapsed / pages).toFixed(1)} ms a page)`);
      return elapsed / pages;
    };
    const smallPage = await fanOut(SMALL_CONNECTIONS, "MID-FAN-S-");
    for (const [i, count] of CONNECTIONS.entries()) {
      const largePage = await fanOut(count, `MID-FAN-L${i}-`);
      report(`fan-out page (${SMALL_CONNECTIONS} → ${count} due connections, 100 a page)`, smallPage, largePage, "≤ 2", "(connections SQL-loaded)");
    }

    console.log("\n| path | small (ms) | large (ms) | large ÷ small | target |\n|---|---|---|---|---|");
    for (const r of rows) console.log(`| ${r.path} ${r.note} | ${r.small.toFixed(2)} | ${r.large.toFixed(2)} | ${(r.large / r.small).toFixed(2)} | ${r.target} |`);
  } finally {
    await database.close();
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
