import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardTransactions } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-database";
import { InvalidCursorError, encodeCursor } from "./keyset-cursor";
import { allPages, insertBusiness, insertDeposit, insertTransactions, type Business, type TransactionSpec } from "./test-fixtures";
import type { TransactionKind } from "./transaction-kinds";
import { listTransactions, type TransactionRow } from "./transactions";

let database: TestDatabase;
const db = () => database.db;
let a: Business;
let b: Business;
let aRows: { id: string; processorId: string; kind: TransactionKind; occurredAt: Date; businessDate: string; businessId: string }[];

const KINDS: TransactionKind[] = ["sale", "sale", "sale", "refund", "sale", "chargeback", "sale", "chargeback_reversal"];
const BASE = Date.parse("2026-10-01T12:00:00Z");
const HOUR = 3_600_000;

/** 125 transactions for A, one every 7 hours, with a run of 9 sharing one instant to test ties. */
function specsFor(prefix: string): TransactionSpec[] {
  return Array.from({ length: 125 }, (_, i) => {
    const at = i >= 40 && i < 49 ? BASE + 40 * 7 * HOUR : BASE + i * 7 * HOUR;
    return { processorId: `${prefix}_${i}`, kind: KINDS[i % KINDS.length], amountMinor: 100 + i, occurredAt: new Date(at) };
  });
}

/** What the list must return: newest first, ties broken by id, newest id first. */
function expectedOrder<R extends { occurredAt: Date; id: string }>(rows: R[]): R[] {
  return [...rows].sort((x, y) => y.occurredAt.getTime() - x.occurredAt.getTime() || (x.id < y.id ? 1 : x.id > y.id ? -1 : 0));
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

beforeAll(async () => {
  database = await createTestDatabase();
  a = await insertBusiness(db(), "MID-A");
  b = await insertBusiness(db(), "MID-B", { currency: "USD", country: "US", region: "NY", timezone: "America/New_York" });
  aRows = await insertTransactions(db(), a, specsFor("a"));
  // B's rows share A's instants exactly, so any missing tenant condition would interleave them.
  await insertTransactions(db(), b, specsFor("b"));
});

afterAll(async () => {
  await database?.drop();
});

describe("listTransactions: order and keyset pages", () => {
  it("returns newest first, ties on occurred_at broken by id, in pages of 50 with no gap or overlap", async () => {
    const pages = await allPages((cursor) => listTransactions(db(), a.id, { cursor, limit: 50 }));
    expect(pages.map((p) => p.length)).toEqual([50, 50, 25]);
    const all = pages.flat();
    expect(new Set(ids(all)).size).toBe(125);
    expect(ids(all)).toEqual(ids(expectedOrder(aRows)));
  });

  it("defaults to pages of 50", async () => {
    const page = await listTransactions(db(), a.id);
    expect(page.rows).toHaveLength(50);
    expect(page.nextCursor).toEqual(expect.any(String));
  });

  it("keeps a run of equal timestamps whole across page edges", async () => {
    // Pages of 4 cut the 9 tied rows in three places.
    const pages = await allPages((cursor) => listTransactions(db(), a.id, { cursor, limit: 4 }));
    expect(ids(pages.flat())).toEqual(ids(expectedOrder(aRows)));
    const tied = pages.flat().filter((r) => r.occurredAt === new Date(BASE + 40 * 7 * HOUR).toISOString());
    expect(tied).toHaveLength(9);
  });

  it("tells microseconds apart at a page edge", async () => {
    const c = await insertBusiness(db(), "MID-MICRO");
    const rows = await insertTransactions(db(), c, [
      { processorId: "m_1", occurredAt: new Date("2026-11-01T10:00:00.123Z") },
      { processorId: "m_2", occurredAt: new Date("2026-11-01T10:00:00.123Z") },
      { processorId: "m_3", occurredAt: new Date("2026-11-01T10:00:00.123Z") },
    ]);
    // Three instants within one millisecond: a cursor rounded to milliseconds would lose one.
    await db().execute(sql`update ${cardTransactions} set occurred_at = '2026-11-01T10:00:00.123456Z' where processor_id = 'm_1' and business_id = ${c.id}`);
    await db().execute(sql`update ${cardTransactions} set occurred_at = '2026-11-01T10:00:00.123457Z' where processor_id = 'm_2' and business_id = ${c.id}`);
    await db().execute(sql`update ${cardTransactions} set occurred_at = '2026-11-01T10:00:00.123458Z' where processor_id = 'm_3' and business_id = ${c.id}`);
    const pages = await allPages((cursor) => listTransactions(db(), c.id, { cursor, limit: 1 }));
    expect(pages.flat().map((r) => r.processorId)).toEqual(["m_3", "m_2", "m_1"]);
    expect(rows).toHaveLength(3);
  });

  it("returns one empty page for a business without transactions", async () => {
    const empty = await insertBusiness(db(), "MID-EMPTY");
    expect(await listTransactions(db(), empty.id)).toEqual({ rows: [], nextCursor: null });
  });

  it("rejects a cursor it did not make", async () => {
    for (const bad of ["not base64!", "e30", encodeCursor({ depositDate: "2026-11-01", id: aRows[0].id }), encodeCursor({ occurredAt: "yesterday", id: aRows[0].id })]) {
      await expect(listTransactions(db(), a.id, { cursor: bad })).rejects.toBeInstanceOf(InvalidCursorError);
    }
  });
});

describe("listTransactions: filters", () => {
  it("filters by kind, one kind or several, across pages", async () => {
    for (const kinds of [["refund"], ["chargeback", "chargeback_reversal"], ["sale", "refund", "chargeback"]] as TransactionKind[][]) {
      const pages = await allPages((cursor) => listTransactions(db(), a.id, { kinds, cursor, limit: 7 }));
      const expected = expectedOrder(aRows.filter((r) => kinds.includes(r.kind)));
      expect(ids(pages.flat()), kinds.join("+")).toEqual(ids(expected));
    }
  });

  it("treats every kind, or none, as no kind filter", async () => {
    const all = await listTransactions(db(), a.id, { limit: 200 });
    expect((await listTransactions(db(), a.id, { limit: 200, kinds: [] })).rows).toEqual(all.rows);
    expect((await listTransactions(db(), a.id, { limit: 200, kinds: ["sale", "refund", "chargeback", "chargeback_reversal"] })).rows).toEqual(all.rows);
    expect(all.rows).toHaveLength(125);
  });

  it("filters by business date, both ends inclusive, with a kind filter and pages", async () => {
    const from = "2026-10-05";
    const to = "2026-10-12";
    const pages = await allPages((cursor) => listTransactions(db(), a.id, { from, to, cursor, limit: 5 }));
    const expected = expectedOrder(aRows.filter((r) => r.businessDate >= from && r.businessDate <= to));
    expect(expected.some((r) => r.businessDate === from) && expected.some((r) => r.businessDate === to)).toBe(true);
    expect(ids(pages.flat())).toEqual(ids(expected));

    const refunds = await listTransactions(db(), a.id, { from, to, kinds: ["refund", "sale"], limit: 200 });
    expect(ids(refunds.rows)).toEqual(ids(expected.filter((r) => r.kind === "refund" || r.kind === "sale")));
  });

  it("filters on the business's own calendar day, not the UTC day", async () => {
    const late = await insertBusiness(db(), "MID-LATE", { timezone: "Pacific/Kiritimati" });
    // 2026-11-20 23:30 in Toronto is 04:30 UTC on the 21st; 2026-11-21 00:30 at UTC+14 is 10:30 UTC on the 20th.
    await insertTransactions(db(), late, [
      { processorId: "west", occurredAt: new Date("2026-11-21T04:30:00Z"), businessDate: "2026-11-20" },
      { processorId: "east", occurredAt: new Date("2026-11-20T10:30:00Z"), businessDate: "2026-11-21" },
    ]);
    const on20 = await listTransactions(db(), late.id, { from: "2026-11-20", to: "2026-11-20" });
    expect(on20.rows.map((r) => r.processorId)).toEqual(["west"]);
    const on21 = await listTransactions(db(), late.id, { from: "2026-11-21", to: "2026-11-21" });
    expect(on21.rows.map((r) => r.processorId)).toEqual(["east"]);
  });
});

describe("listTransactions: deposit and tenant isolation", () => {
  it("joins the settling deposit, and null for unsettled rows", async () => {
    const settled = aRows.filter((r) => r.processorId === "a_0" || r.processorId === "a_3");
    const deposit = await insertDeposit(db(), a, { processorId: "dep_a_1", depositDate: "2026-10-02", transactionIds: settled.map((r) => r.id) });
    const all = (await listTransactions(db(), a.id, { limit: 200 })).rows;
    const byId = new Map(all.map((r) => [r.processorId, r]));
    expect(byId.get("a_0")?.deposit).toEqual({ id: deposit.id, processorId: "dep_a_1", depositDate: "2026-10-02" });
    expect(byId.get("a_3")?.deposit?.processorId).toBe("dep_a_1");
    expect(byId.get("a_1")?.deposit).toBeNull();
    expect(byId.get("a_0")).toMatchObject<Partial<TransactionRow>>({
      kind: "sale",
      amountMinor: 100,
      currency: "CAD",
      cardBrand: "visa",
      last4: "4242",
      occurredAt: new Date(BASE).toISOString(),
      businessDate: "2026-10-01",
    });
  });

  it("never returns another business's rows, whatever the filters and cursor", async () => {
    const variants = [{}, { kinds: ["refund"] as TransactionKind[] }, { kinds: ["refund", "chargeback"] as TransactionKind[] }, { from: "2026-10-01", to: "2026-12-31" }];
    for (const options of variants) {
      const rows = (await allPages((cursor) => listTransactions(db(), a.id, { ...options, cursor, limit: 30 }))).flat();
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.filter((r) => !r.processorId.startsWith("a_") || r.currency !== "CAD")).toEqual([]);
      const bRows = (await allPages((cursor) => listTransactions(db(), b.id, { ...options, cursor, limit: 30 }))).flat();
      expect(bRows.filter((r) => !r.processorId.startsWith("b_") || r.currency !== "USD")).toEqual([]);
    }
  });

  it("does not show a deposit of another business even if a row pointed at it", async () => {
    const bOnly = await insertTransactions(db(), b, [{ processorId: "b_settled", occurredAt: new Date("2026-09-01T12:00:00Z") }]);
    const bDeposit = await insertDeposit(db(), b, { processorId: "dep_b_1", depositDate: "2026-09-02", transactionIds: [bOnly[0].id] });
    // A corrupt link across tenants: the join's own tenant condition keeps B's deposit out of A's page.
    await db().execute(sql`update ${cardTransactions} set deposit_id = ${bDeposit.id} where business_id = ${a.id} and processor_id = 'a_1'`);
    const row = (await listTransactions(db(), a.id, { limit: 200 })).rows.find((r) => r.processorId === "a_1");
    expect(row?.deposit).toBeNull();
    await db().execute(sql`update ${cardTransactions} set deposit_id = null where business_id = ${a.id} and processor_id = 'a_1'`);
  });
});
