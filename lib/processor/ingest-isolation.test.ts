import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { businesses, cardTransactions } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-database";
import { ingestEvents } from "./ingest";
import { businessEvent, deposit, expectRejected, fee, linked, sale } from "./test-fixtures";

/** Tenant isolation at ingest: a merchant's events can never reach another merchant's records. */
let database: TestDatabase;
const db = () => database.db;

beforeAll(async () => {
  database = await createTestDatabase();
  await ingestEvents(db(), [
    businessEvent("MID-A"),
    businessEvent("MID-B"),
    sale("MID-A", "a_sale", 1_000),
    sale("MID-B", "b_sale", 2_000),
    linked("chargeback", "MID-B", "b_cb", "b_sale", 2_000),
    fee("MID-B", "b_fee", 50, { transactionId: "b_sale" }),
  ]);
});

afterAll(async () => {
  await database?.drop();
});

describe("tenant isolation at ingest", () => {
  it("refuses a refund whose original belongs to another business", async () => {
    await expectRejected(db(), [linked("refund", "MID-A", "a_refund", "b_sale", 500)], { status: 400, index: 0, id: "a_refund", field: "originalTransactionId", message: /unknown original/ });
  });

  it("refuses a reversal of another business's chargeback", async () => {
    await expectRejected(db(), [linked("chargeback_reversal", "MID-A", "a_rev", "b_cb", 2_000)], { status: 400, index: 0, id: "a_rev", field: "originalTransactionId" });
  });

  it("refuses a deposit listing another business's transaction or fee", async () => {
    await expectRejected(db(), [deposit("MID-A", "a_dep", 3_000, ["a_sale", "b_sale"])], { status: 400, index: 0, id: "a_dep", field: "transactionIds.1", message: /unknown transaction "b_sale"/ });
    await expectRejected(db(), [deposit("MID-A", "a_dep", 950, ["a_sale"], ["b_fee"])], { status: 400, index: 0, id: "a_dep", field: "feeIds.0", message: /unknown fee "b_fee"/ });
  });

  it("refuses a fee attached to another business's transaction", async () => {
    await expectRejected(db(), [fee("MID-A", "a_fee", 30, { transactionId: "b_sale" })], { status: 400, index: 0, id: "a_fee", field: "transactionId" });
  });

  it("keeps the same processor id apart per business (no 409 across tenants)", async () => {
    // MID-A reuses B's id with other content: a different record of a different tenant. The id is
    // this test's own (not b_sale), so the refusals above still find b_sale only in MID-B.
    expect(await ingestEvents(db(), [sale("MID-B", "twin_sale", 2_000)])).toEqual({ accepted: 1, duplicates: 0 });
    expect(await ingestEvents(db(), [sale("MID-A", "twin_sale", 999)])).toEqual({ accepted: 1, duplicates: 0 });
    const rows = await db()
      .select({ merchantId: businesses.merchantId, amount: cardTransactions.amountMinor })
      .from(cardTransactions)
      .innerJoin(businesses, eq(businesses.id, cardTransactions.businessId))
      .where(eq(cardTransactions.processorId, "twin_sale"));
    expect(rows.sort((x, y) => x.merchantId.localeCompare(y.merchantId))).toEqual([
      { merchantId: "MID-A", amount: 999 },
      { merchantId: "MID-B", amount: 2_000 },
    ]);
  });

  it("settles only the business's own record when ids collide", async () => {
    // Its own colliding pair, so it holds whichever test ran before it.
    expect(await ingestEvents(db(), [sale("MID-B", "shared_sale", 2_000), sale("MID-A", "shared_sale", 999)])).toEqual({ accepted: 2, duplicates: 0 });
    expect(await ingestEvents(db(), [deposit("MID-A", "a_dep_ok", 999, ["shared_sale"])])).toEqual({ accepted: 1, duplicates: 0 });
    const rows = await db()
      .select({ merchantId: businesses.merchantId, depositId: cardTransactions.depositId })
      .from(cardTransactions)
      .innerJoin(businesses, eq(businesses.id, cardTransactions.businessId))
      .where(eq(cardTransactions.processorId, "shared_sale"));
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.merchantId === "MID-A")?.depositId).not.toBeNull();
    expect(rows.find((r) => r.merchantId === "MID-B")?.depositId).toBeNull();
  });
});
