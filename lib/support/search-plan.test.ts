import { drizzle } from "drizzle-orm/postgres-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import * as schema from "@/db/schema";
import type { PlanNode } from "@/db/testing/explain";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-database";
import { searchBusinesses, type SupportSearch } from "./search";

/**
 * Support's search must stay fast at 100,000 businesses. This suite loads 100,000 businesses with
 * an owner each (half of them connected to QuickBooks), then checks with EXPLAIN ANALYZE that each
 * kind of search reads its own index and touches a handful of rows: no sequential scan of the
 * searched tables. (Row counts, not timings.) SHOW_PLANS=1 prints the plans.
 */
const BUSINESSES = 100_000;
const SEARCHED = ["businesses", "users", "memberships", "qbo_connections", "sync_items"];

let database: TestDatabase;
let loggingDb: Db;
let captured: { query: string; params: unknown[] }[] = [];


const nodesOf = (plan: PlanNode): PlanNode[] => [plan, ...(plan.Plans ?? []).flatMap(nodesOf)];

async function explain(search: SupportSearch) {
  captured = [];
  const page = await searchBusinesses(loggingDb, search);
  const last = captured.at(-1)!;
  const [row] = await database.sql.unsafe(`explain (analyze, buffers, format json) ${last.query}`, last.params as never[]);
  const result = (row["QUERY PLAN"] as { Plan: PlanNode }[])[0];
  const nodes = nodesOf(result.Plan);
  if (process.env.SHOW_PLANS) console.log(JSON.stringify(result.Plan, ["Node Type", "Index Name", "Relation Name", "Actual Rows", "Actual Loops", "Rows Removed by Filter", "Plans"], 1));
  const searched = nodes.filter((n) => SEARCHED.includes(n["Relation Name"] ?? ""));
  return {
    merchantIds: page.rows.map((r) => r.merchantId),
    indexes: nodes.map((n) => n["Index Name"]).filter(Boolean),
    seqScans: searched.filter((n) => n["Node Type"] === "Seq Scan").map((n) => n["Relation Name"]),
    rowsRead: searched.reduce((sum, n) => sum + ((n["Actual Rows"] ?? 0) + (n["Rows Removed by Filter"] ?? 0) + (n["Rows Removed by Index Recheck"] ?? 0)) * (n["Actual Loops"] ?? 1), 0),
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
  loggingDb = drizzle(database.sql, { schema, logger: { logQuery: (query, params) => captured.push({ query, params }) } });
  const sql = database.sql;
  await sql.unsafe(
    `insert into businesses (merchant_id, legal_name, country, region, currency, timezone)
     select 'MID-' || lpad(g::text, 6, '0'), (array['Boulangerie', 'Café', 'Garage', 'Fleuriste'])[g % 4 + 1] || ' ' || g, 'CA', 'ON', 'CAD', 'America/Toronto'
     from generate_series(1, $1::int) g`,
    [BUSINESSES],
  );
  await sql.unsafe(`insert into users (email, name) select 'owner' || g || '@shop.test', 'Owner ' || g from generate_series(1, $1::int) g`, [BUSINESSES]);
  await sql.unsafe(
    `insert into memberships (user_id, business_id, role)
     select u.id, b.id, 'owner' from users u join businesses b on b.merchant_id = 'MID-' || lpad(substring(u.email from 6 for position('@' in u.email) - 6), 6, '0')`,
  );
  await sql.unsafe(
    `insert into qbo_connections (business_id, status, realm_id, company_name, connected_at, connected_on, setup_completed_at, last_successful_sync_at)
     select id, 'active', (9130000000 + substring(merchant_id from 5)::int)::text, 'Books of ' || legal_name, now(), current_date, now(), now()
     from businesses where substring(merchant_id from 5)::int % 2 = 0`,
  );
  // Posted items for every connected business, and a few failed ones, as in real life.
  await sql.unsafe(
    `insert into sync_items (connection_id, business_id, record_type, record_id, business_date, status)
     select c.id, c.business_id, 'transaction', gen_random_uuid(), current_date - k, 'posted' from qbo_connections c, generate_series(1, 4) k`,
  );
  await sql.unsafe(
    `insert into sync_items (connection_id, business_id, record_type, record_id, business_date, status, fault_code)
     select c.id, c.business_id, 'transaction', gen_random_uuid(), current_date, 'failed', '6210'
     from qbo_connections c join businesses b on b.id = c.business_id where substring(b.merchant_id from 5)::int % 5000 = 0`,
  );
  await sql.unsafe(`analyze`);
}, 300_000);

afterAll(async () => {
  await database?.drop();
});

describe(`support search plans with ${BUSINESSES.toLocaleString("en")} businesses`, () => {
  const cases: [string, SupportSearch, string, string[]][] = [
    ["merchant id", { q: "mid-004004" }, "businesses_merchant_id_search", ["MID-004004"]],
    // Prefixes: "Garage 4006" and the Garages 40060 to 40069.
    ["legal name", { q: "garage 4006" }, "businesses_legal_name_search", ["MID-004006", "MID-040062", "MID-040066"]],
    ["owner email", { q: "OWNER4004@shop.test" }, "users_email_search", ["MID-004004"]],
    ["realm id", { q: "9130004004" }, "qbo_connections_realm_search", ["MID-004004"]],
    ["QuickBooks company name", { q: "books of boulangerie 4004" }, "qbo_connections_company_search", ["MID-004004", "MID-040040", "MID-040044", "MID-040048"]],
  ];
  for (const [what, search, index, expected] of cases) {
    it(`${what}: the ${index} index, a handful of rows read`, async () => {
      const plan = await explain(search);
      expect(plan.merchantIds).toEqual(expected);
      expect(plan.indexes).toContain(index);
      expect(plan.seqScans).toEqual([]);
      expect(plan.rowsRead).toBeLessThan(200);
    });
  }

  it("a broad prefix reads only its matches (keyset pages of 25)", async () => {
    const plan = await explain({ q: "mid-0040" });
    expect(plan.merchantIds).toHaveLength(25);
    expect(plan.seqScans).toEqual([]);
    // 100 merchant ids start with MID-0040, out of 100,000 businesses.
    expect(plan.rowsRead).toBeLessThan(1_500);
  });

  it("has failed items, without a text: the partial index of failed items", async () => {
    const plan = await explain({ q: "", failed: "1" });
    expect(plan.merchantIds).toEqual(Array.from({ length: 20 }, (_, i) => `MID-${String((i + 1) * 5000).padStart(6, "0")}`));
    expect(plan.indexes).toContain("sync_items_failed_business");
    expect(plan.seqScans).toEqual([]);
    expect(plan.rowsRead).toBeLessThan(200);
  });

  it("browsing every business: the merchant id index in order, one page read", async () => {
    const first = await searchBusinesses(database.db, { q: "" });
    const plan = await explain({ q: "", after: first.next! });
    expect(plan.merchantIds[0]).toBe("MID-000026");
    expect(plan.indexes).toContain("businesses_merchant_id_unique");
    expect(plan.seqScans).toEqual([]);
    expect(plan.rowsRead).toBeLessThan(200);
  });
});
