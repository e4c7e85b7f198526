import { drizzle } from "drizzle-orm/postgres-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import * as schema from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-database";
import { listDeposits } from "./deposits";
import { insertBusiness, type Business } from "./test-fixtures";
import { listTransactions } from "./transactions";
import type { PlanNode } from "@/db/testing/explain";

/**
 * The Transactions page must stay fast at a million rows. This suite loads a million transactions
 * for one business (and some for a neighbour), then checks with EXPLAIN ANALYZE that every variant
 * of the page query reads an index and stops early: no sequential scan of the transactions, no sort
 * of the whole business, a few thousand rows read at most out of a million. (Row counts, not
 * timings: they do not depend on how busy the machine is.) SHOW_PLANS=1 prints the plans.
 */
const ROWS = 1_000_000;

let database: TestDatabase;
let big: Business;
let captured: { query: string; params: unknown[] }[] = [];
let loggingDb: Db;


function nodesOf(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodesOf)];
}

/** Runs a portal query, then EXPLAIN ANALYZE of exactly the SQL it sent. */
async function explain(run: () => Promise<unknown>) {
  captured = [];
  await run();
  const last = captured.at(-1)!;
  const [row] = await database.sql.unsafe(`explain (analyze, buffers, format json) ${last.query}`, last.params as never[]);
  const result = (row["QUERY PLAN"] as { Plan: PlanNode; "Execution Time": number }[])[0];
  const nodes = nodesOf(result.Plan);
  if (process.env.SHOW_PLANS) {
    console.log(`${result["Execution Time"]} ms`, JSON.stringify(result.Plan, ["Node Type", "Index Name", "Relation Name", "Actual Rows", "Rows Removed by Filter", "Plans"], 1));
  }
  return {
    indexes: nodes.map((n) => n["Index Name"]).filter(Boolean),
    types: nodes.map((n) => n["Node Type"]),
    /** Sequential scans of the transactions table: the one thing that must never happen. */
    transactionSeqScans: nodes.filter((n) => n["Node Type"] === "Seq Scan" && n["Relation Name"] === "card_transactions").length,
    /** Transaction rows the scans touched, kept or filtered out: the cost that grows with the table. */
    transactionRowsRead: nodes
      .filter((n) => n["Relation Name"] === "card_transactions")
      .reduce((sum, n) => sum + ((n["Actual Rows"] ?? 0) + (n["Rows Removed by Filter"] ?? 0)) * (n["Actual Loops"] ?? 1), 0),
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
  loggingDb = drizzle(database.sql, { schema, logger: { logQuery: (query, params) => captured.push({ query, params }) } });
  big = await insertBusiness(database.db, "MID-BIG");
  const other = await insertBusiness(database.db, "MID-OTHER");
  // One transaction a minute for ~2 years; 1 in 1,000 a chargeback, 1 in 2,000 a reversal, 3% refunds.
  for (const [business, count] of [[big, ROWS], [other, 50_000]] as const) {
    await database.sql.unsafe(
      `insert into card_transactions (business_id, processor_id, kind, amount_minor, currency, card_brand, last4, occurred_at, business_date, payload_hash)
       select $1, 'txn_' || g,
              (case when g % 2000 = 0 then 'chargeback_reversal' when g % 1000 = 0 then 'chargeback' when g % 33 = 0 then 'refund' else 'sale' end)::transaction_kind,
              100 + g % 9000, 'CAD', 'visa', '4242',
              timestamptz '2025-01-01 00:00:00+00' + g * interval '1 minute',
              ((timestamptz '2025-01-01 00:00:00+00' + g * interval '1 minute') at time zone 'America/Toronto')::date,
              'bench'
       from generate_series(1, $2::int) g`,
      [business.id, count],
    );
  }
  await database.sql.unsafe(
    `insert into settlement_deposits (business_id, processor_id, deposit_date, amount_minor, currency, bank_last4, sales_minor, refunds_minor, chargebacks_minor, reversals_minor, fees_minor, payload_hash)
     select $1, 'dep_' || g, date '2025-01-01' + g, 1000, 'CAD', '6789', 1000, 0, 0, 0, 0, 'bench' from generate_series(1, 700) g`,
    [big.id],
  );
  await database.sql.unsafe(`analyze`);
}, 300_000);

afterAll(async () => {
  await database?.drop();
});

describe(`query plans with ${ROWS.toLocaleString("en")} transactions`, () => {
  it("first page and a deep page: the (business, occurred_at, id) index, read in order, no sort", async () => {
    const first = await listTransactions(loggingDb, big.id);
    for (const cursor of [undefined, first.nextCursor!]) {
      const plan = await explain(() => listTransactions(loggingDb, big.id, { cursor }));
      expect(plan.indexes).toContain("card_transactions_business_occurred");
      expect(plan.transactionSeqScans).toBe(0);
      expect(plan.types).not.toContain("Sort");
      expect(plan.transactionRowsRead).toBeLessThan(2_000);
    }
  });

  it("one kind: the (business, kind, occurred_at, id) index", async () => {
    const plan = await explain(() => listTransactions(loggingDb, big.id, { kinds: ["chargeback"] }));
    expect(plan.indexes).toContain("card_transactions_business_kind_occurred");
    expect(plan.transactionSeqScans).toBe(0);
    expect(plan.types).not.toContain("Sort");
    expect(plan.transactionRowsRead).toBeLessThan(2_000);
  });

  it("several rare kinds: one limited index branch per kind, merged", async () => {
    const plan = await explain(() => listTransactions(loggingDb, big.id, { kinds: ["chargeback", "chargeback_reversal"] }));
    expect(plan.indexes.filter((i) => i === "card_transactions_business_kind_occurred")).toHaveLength(2);
    expect(plan.transactionSeqScans).toBe(0);
    expect(plan.transactionRowsRead).toBeLessThan(2_000);
  });

  it("an old date range: an index range on occurred_at, not a walk from the newest row", async () => {
    const plan = await explain(() => listTransactions(loggingDb, big.id, { from: "2025-03-01", to: "2025-03-07" }));
    expect(plan.transactionSeqScans).toBe(0);
    expect(plan.transactionRowsRead).toBeLessThan(2_000);
    const kinds = await explain(() => listTransactions(loggingDb, big.id, { from: "2025-03-01", to: "2025-03-31", kinds: ["refund", "chargeback"] }));
    expect(kinds.transactionSeqScans).toBe(0);
    expect(kinds.transactionRowsRead).toBeLessThan(2_000);
  });

  it("deposits: the (business, deposit_date, id) index read backwards", async () => {
    const first = await listDeposits(loggingDb, big.id);
    const plan = await explain(() => listDeposits(loggingDb, big.id, { cursor: first.nextCursor! }));
    expect(plan.indexes).toContain("settlement_deposits_business_date");
    expect(plan.types).not.toContain("Sort");
  });
});
