import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { businesses, cardTransactions, fees } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-database";
import { IngestError } from "./errors";
import { ingestEvents } from "./ingest";
import { businessEvent, deposit, fee, sale } from "./test-fixtures";

/**
 * A deposit that settles items stored by earlier batches: the links are written in one statement
 * per business with the ids bound as arrays, and the day totals the triggers keep stay exact.
 */
let database: TestDatabase;
const db = () => database.db;
const MID = "MID-LINKS";
// Printable ASCII that means something inside a PostgreSQL array literal: ids are bound as arrays.
const ODD_SALE = 'sale,"1"\\{x}';
const ODD_FEE = "NULL";

async function businessId(merchantId = MID): Promise<string> {
  const [row] = await db().select({ id: businesses.id }).from(businesses).where(eq(businesses.merchantId, merchantId));
  return row.id;
}

/** The kept day totals of the business, and the same figures counted from the records themselves. */
async function keptAndRecounted(id: string) {
  const kept = await db().execute<Record<string, string>>(sql`
    select business_date::text as day, sale_count::text, sale_minor::text, fee_count::text, fee_minor::text, unsettled_fee_count::text, deposit_count::text
    from business_day_totals where business_id = ${id} order by business_date`);
  const recounted = await db().execute<Record<string, string>>(sql`
    select day::text, sum(sc)::text as sale_count, sum(sm)::text as sale_minor, sum(fc)::text as fee_count, sum(fm)::text as fee_minor,
      sum(uf)::text as unsettled_fee_count, sum(dc)::text as deposit_count
    from (
      select business_date as day, count(*) sc, sum(amount_minor) sm, 0 fc, 0 fm, 0 uf, 0 dc from card_transactions where business_id = ${id} and kind = 'sale' group by 1
      union all
      select business_date, 0, 0, count(*), sum(amount_minor), count(*) filter (where deposit_id is null), 0 from fees where business_id = ${id} group by 1
      union all
      select deposit_date, 0, 0, 0, 0, 0, count(*) from settlement_deposits where business_id = ${id} group by 1
    ) x group by day order by day`);
  return { kept: [...kept], recounted: [...recounted] };
}

beforeAll(async () => {
  database = await createTestDatabase();
  await ingestEvents(db(), [
    businessEvent(MID),
    sale(MID, ODD_SALE, 1_000),
    sale(MID, "plain_sale", 2_000),
    fee(MID, ODD_FEE, 30),
    fee(MID, "plain_fee", 20, { transactionId: "plain_sale" }),
  ]);
});

afterAll(async () => {
  await database?.drop();
});

describe("a deposit settling items stored by earlier batches", () => {
  it("links every listed item, finds ids whatever their characters, and keeps the day totals exact", async () => {
    const id = await businessId();
    const before = await keptAndRecounted(id);
    expect(before.kept).toEqual(before.recounted);
    expect(before.kept.map((d) => d.unsettled_fee_count)).toEqual(["2"]);

    expect(await ingestEvents(db(), [deposit(MID, "dep_later", 3_000 - 50, [ODD_SALE, "plain_sale"], [ODD_FEE, "plain_fee"])])).toEqual({ accepted: 1, duplicates: 0 });

    const settled = await db()
      .select({ processorId: cardTransactions.processorId, depositId: cardTransactions.depositId })
      .from(cardTransactions)
      .where(eq(cardTransactions.businessId, id));
    expect(settled.filter((t) => t.depositId === null)).toEqual([]);
    const settledFees = await db().select({ processorId: fees.processorId, depositId: fees.depositId }).from(fees).where(eq(fees.businessId, id));
    expect(settledFees.filter((f) => f.depositId === null)).toEqual([]);

    const after = await keptAndRecounted(id);
    expect(after.kept).toEqual(after.recounted);
    expect(after.kept.map((d) => [d.day, d.unsettled_fee_count, d.deposit_count])).toEqual([
      ["2026-11-20", "0", "0"],
      ["2026-11-21", "0", "1"],
    ]);
    // A settled fee is a line of its deposit: it no longer waits to be planned on its own.
    const waitingFees = await db().execute(sql`select record_id from unplanned_records where business_id = ${id} and record_type = 'fee'`);
    expect([...waitingFees]).toEqual([]);
  });

  it("counts a stored item sent again as a duplicate, found by its odd id", async () => {
    expect(await ingestEvents(db(), [sale(MID, ODD_SALE, 1_000), fee(MID, ODD_FEE, 30)])).toEqual({ accepted: 0, duplicates: 2 });
  });

  it("settles an item once when two deposits listing it race: the other is refused and writes nothing", async () => {
    const merchantId = "MID-LINKS-RACE";
    await ingestEvents(db(), [businessEvent(merchantId), sale(merchantId, "raced_sale", 500)]);
    const outcomes = await Promise.allSettled([
      ingestEvents(db(), [deposit(merchantId, "race_a", 500, ["raced_sale"])]),
      ingestEvents(db(), [deposit(merchantId, "race_b", 500, ["raced_sale"])]),
    ]);
    const refused = outcomes.flatMap((o) => (o.status === "rejected" ? [o.reason] : []));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect(refused).toHaveLength(1);
    // 409 when both loaded the item before either wrote; 400 "already settled" when one came after.
    expect(refused[0]).toBeInstanceOf(IngestError);
    expect([400, 409]).toContain((refused[0] as IngestError).status);
    const id = await businessId(merchantId);
    const [raced] = await db()
      .select({ depositId: cardTransactions.depositId })
      .from(cardTransactions)
      .where(and(eq(cardTransactions.businessId, id), eq(cardTransactions.processorId, "raced_sale")));
    const deposits = await db().execute<{ processor_id: string; id: string }>(sql`
      select processor_id, id from settlement_deposits where business_id = ${id} and processor_id in ('race_a', 'race_b')`);
    expect(deposits).toHaveLength(1);
    expect(raced.depositId).toBe(deposits[0].id);
    const { kept, recounted } = await keptAndRecounted(id);
    expect(kept).toEqual(recounted);
  });
});
