import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-database";
import { connectedBusiness, insertItem } from "@/lib/sync/sync-test-fixtures";
import { postedDocuments } from "@/lib/sync/posted-documents";
import { dailyActivity, latestDeposits, quickBooksStatus } from "./overview";
import { insertBusiness, insertDeposit, insertFee, insertTransactions } from "./test-fixtures";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

const at = (day: string) => new Date(`${day}T17:00:00Z`);

describe("the overview dashboard's queries", () => {
  it("adds up 30 days of sales, refunds and chargebacks, fees and deposits, for this business only", async () => {
    const { db } = database;
    const { business } = await connectedBusiness(db, "OV-ACTIVITY");
    const stranger = await insertBusiness(db, "OV-STRANGER");
    const txs = await insertTransactions(db, business, [
      { processorId: "s1", amountMinor: 5_000, occurredAt: at("2026-11-19") },
      { processorId: "s2", amountMinor: 2_500, occurredAt: at("2026-11-19") },
      { processorId: "r1", kind: "refund", amountMinor: 700, occurredAt: at("2026-11-19") },
      { processorId: "c1", kind: "chargeback", amountMinor: 2_000, occurredAt: at("2026-11-20") },
      { processorId: "v1", kind: "chargeback_reversal", amountMinor: 500, occurredAt: at("2026-11-20") },
      { processorId: "old", amountMinor: 9_999, occurredAt: at("2026-10-21") },
    ]);
    const fee = await insertFee(db, business, { processorId: "f1", amountMinor: 120, occurredAt: at("2026-11-19") });
    await insertDeposit(db, business, { processorId: "d1", depositDate: "2026-11-20", transactionIds: txs.slice(0, 3).map((t) => t.id), feeIds: [fee.id] });
    await insertTransactions(db, stranger, [{ processorId: "x1", amountMinor: 1_000_000, occurredAt: at("2026-11-19") }]);

    const days = await dailyActivity(db, business.id, { today: "2026-11-20" });
    expect(days).toHaveLength(30);
    expect(days[0].date).toBe("2026-10-22");
    expect(days.at(-1)!.date).toBe("2026-11-20");
    const day = (date: string) => days.find((d) => d.date === date);
    expect(day("2026-11-19")).toEqual({ date: "2026-11-19", salesMinor: 7_500, refundsAndChargebacksMinor: 700, feesMinor: 120, depositsMinor: 0 });
    expect(day("2026-11-20")).toEqual({ date: "2026-11-20", salesMinor: 0, refundsAndChargebacksMinor: 1_500, feesMinor: 0, depositsMinor: 7_500 - 700 - 120 });
    expect(day("2026-11-01")).toEqual({ date: "2026-11-01", salesMinor: 0, refundsAndChargebacksMinor: 0, feesMinor: 0, depositsMinor: 0 });
  });

  it("tells for each latest deposit whether it is in QuickBooks and ties out, and the connection's state", async () => {
    const { db } = database;
    const { business, connection } = await connectedBusiness(db, "OV-DEPOSITS", { lastSuccessfulSyncAt: new Date("2026-11-20T06:00:00Z") });
    const txs = await insertTransactions(db, business, [
      { processorId: "a", amountMinor: 1_000, occurredAt: at("2026-11-17") },
      { processorId: "b", amountMinor: 2_000, occurredAt: at("2026-11-18") },
      { processorId: "c", amountMinor: 3_000, occurredAt: at("2026-11-19") },
    ]);
    const tied = await insertDeposit(db, business, { processorId: "dep-tied", depositDate: "2026-11-18", transactionIds: [txs[0].id] });
    const off = await insertDeposit(db, business, { processorId: "dep-off", depositDate: "2026-11-19", transactionIds: [txs[1].id] });
    await insertDeposit(db, business, { processorId: "dep-waiting", depositDate: "2026-11-20", transactionIds: [txs[2].id] });
    await insertItem(db, connection, { recordType: "deposit", recordId: tied.id, businessDate: "2026-11-18", status: "posted", qboId: "41", qboEntity: "Deposit", qboTotalMinor: 1_000 });
    await insertItem(db, connection, { recordType: "deposit", recordId: off.id, businessDate: "2026-11-19", status: "posted", qboId: "42", qboEntity: "Deposit", qboTotalMinor: 1_999 });
    await insertItem(db, connection, { recordType: "transaction", recordId: txs[2].id, businessDate: "2026-11-19", status: "failed" });

    expect((await latestDeposits(db, business.id)).map((d) => [d.processorId, d.inQuickBooks, d.tiedOut])).toEqual([
      ["dep-waiting", false, null],
      ["dep-off", true, false],
      ["dep-tied", true, true],
    ]);
    const status = await quickBooksStatus(db, business.id, { timeZone: business.timezone, syncs: "scheduled", clock: () => new Date("2026-11-20T20:00:00Z") });
    expect(status).toMatchObject({ status: "active", failedItems: 1, scheduleOff: false, lastSuccessfulSyncAt: new Date("2026-11-20T06:00:00Z") });
    expect(status?.nextSyncAt?.toISOString()).toBe("2026-11-21T05:00:00.000Z");
    const off2 = await quickBooksStatus(db, business.id, { timeZone: business.timezone, syncs: "off", clock: () => new Date("2026-11-20T20:00:00Z") });
    expect(off2).toMatchObject({ nextSyncAt: null, scheduleOff: true });

    // The documents the deposit detail page links to, scoped to the business.
    const documents = await postedDocuments(db, business.id, [tied.id, off.id, txs[2].id]);
    expect(documents.get(tied.id)).toMatchObject({ entity: "Deposit", id: "41" });
    expect(documents.get(tied.id)?.url).toContain("/app/deposit?txnId=41");
    expect(documents.has(txs[2].id)).toBe(false);
    const stranger = await insertBusiness(db, "OV-NOBODY");
    expect((await postedDocuments(db, stranger.id, [tied.id])).size).toBe(0);
    expect(await quickBooksStatus(db, stranger.id, { timeZone: "America/Toronto", syncs: "scheduled", clock: () => new Date() })).toBeNull();
  });
});
