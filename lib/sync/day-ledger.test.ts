import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { qboPauses } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-database";
import { insertDeposit, insertFee, insertTransactions } from "@/lib/portal/test-fixtures";
import { dayLedger } from "./day-ledger";
import { recentRuns } from "./run-history";
import { connectedBusiness, insertItem, insertRun } from "./sync-test-fixtures";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

const at = (date: string) => ({ occurredAt: new Date(`${date}T17:00:00Z`), businessDate: date });

describe("day ledger", () => {
  it("gives every day since the connection one state, with totals by kind and the deposit tie-out", async () => {
    const { db } = database;
    const { business, connection } = await connectedBusiness(db, "LEDGER", { connectedOn: "2026-11-10" });
    await db.insert(qboPauses).values({ connectionId: connection.id, pausedFrom: "2026-11-14", resumedOn: "2026-11-16" });
    const [early, s1, s2, r1, f1, f2, f3, paused1, paused2, pend1, pend2] = await insertTransactions(db, business, [
      { processorId: "early", ...at("2026-11-08") },
      { processorId: "s1", amountMinor: 2_000, ...at("2026-11-10") },
      { processorId: "s2", amountMinor: 3_000, ...at("2026-11-10") },
      { processorId: "r1", kind: "refund", amountMinor: 500, ...at("2026-11-10") },
      { processorId: "f1", ...at("2026-11-12") },
      { processorId: "f2", ...at("2026-11-12") },
      { processorId: "f3", ...at("2026-11-12") },
      { processorId: "p1", ...at("2026-11-14") },
      { processorId: "p2", ...at("2026-11-15") },
      { processorId: "n1", ...at("2026-11-16") },
      { processorId: "n2", ...at("2026-11-17") },
    ]);
    const fee = await insertFee(db, business, { processorId: "fee-1", amountMinor: 120, transactionId: s1.id, occurredAt: new Date("2026-11-10T17:00:00Z") });
    const deposit = await insertDeposit(db, business, { processorId: "dep-1", depositDate: "2026-11-11", transactionIds: [s1.id, s2.id, r1.id], feeIds: [fee.id] });
    const item = (recordId: string, businessDate: string, status: Parameters<typeof insertItem>[2]["status"], extra = {}) =>
      insertItem(db, connection, { recordType: "transaction", recordId, businessDate, status, ...extra });
    await item(early.id, "2026-11-08", "before_connection");
    for (const t of [s1, s2, r1]) await item(t.id, "2026-11-10", "posted", { qboId: `q-${t.processorId}` });
    await insertItem(db, connection, { recordType: "deposit", recordId: deposit.id, businessDate: "2026-11-11", status: "posted", qboId: "77", qboEntity: "Deposit", qboTotalMinor: deposit.amountMinor });
    await item(f1.id, "2026-11-12", "posted");
    await item(f2.id, "2026-11-12", "posted");
    await item(f3.id, "2026-11-12", "failed", { faultCode: "610" });
    await item(paused1.id, "2026-11-14", "skipped_paused");
    void paused2; // dated inside the pause, never planned
    await item(pend1.id, "2026-11-16", "pending");
    void pend2; // arrived after the last run: no item yet

    // Another business's records never show.
    const other = await connectedBusiness(db, "LEDGER-OTHER", { connectedOn: "2026-11-10" });
    await insertTransactions(db, other.business, [{ processorId: "x1", ...at("2026-11-13") }]);

    const days = await dayLedger(db, { businessId: business.id, connectionId: connection.id }, { today: "2026-11-17" });
    const states = Object.fromEntries(days.map((d) => [d.date, d.state]));
    expect(states).toEqual({
      "2026-11-17": "pending",
      "2026-11-16": "pending",
      "2026-11-15": "paused",
      "2026-11-14": "paused",
      "2026-11-13": "no_activity",
      "2026-11-12": "partly_failed",
      "2026-11-11": "posted",
      "2026-11-10": "posted",
      "2026-11-08": "before_connection",
    });
    expect(days.map((d) => d.date)).toEqual(Object.keys(states)); // newest first
    const day = (date: string) => days.find((d) => d.date === date)!;
    expect(day("2026-11-12")).toMatchObject({ failed: 1, total: 3 });
    expect(day("2026-11-10").kinds).toEqual({
      sale: { count: 2, amountMinor: 5_000 },
      refund: { count: 1, amountMinor: 500 },
      fee: { count: 1, amountMinor: 120 },
    });
    expect(day("2026-11-11").deposits).toEqual([
      {
        depositId: deposit.id,
        processorId: "dep-1",
        processorAmountMinor: 4_380,
        qboTotalMinor: 4_380,
        differenceMinor: 0,
        status: "posted",
        qboDocument: { entity: "Deposit", id: "77", url: `http://localhost:4010/app/deposit?txnId=77&realmId=${encodeURIComponent(connection.realmId!)}` },
      },
    ]);
  });

  it("lists runs newest first with documents created, items failed and duration, scoped to the business", async () => {
    const { db } = database;
    const { business, connection } = await connectedBusiness(db, "RUNS");
    await insertRun(db, connection, { throughDate: "2026-11-19", startedAt: new Date("2026-11-20T06:00:00Z"), summary: { documentsCreated: { SalesReceipt: 4, Deposit: 1 }, itemsFailed: 0, durationMs: 1_200 } });
    await insertRun(db, connection, { throughDate: "2026-11-20", trigger: "manual", status: "partly_failed", startedAt: new Date("2026-11-21T06:00:00Z"), summary: { documentsCreated: { SalesReceipt: 2 }, itemsFailed: 1, durationMs: 800 } });
    const runs = await recentRuns(db, business.id, connection.id);
    expect(runs.map((r) => [r.trigger, r.status, r.documentsCreated, r.itemsFailed, r.durationMs, r.stopReason])).toEqual([
      ["manual", "partly_failed", 2, 1, 800, null],
      ["schedule", "succeeded", 5, 0, 1_200, null],
    ]);
    await insertRun(db, connection, {
      throughDate: "2026-11-21",
      trigger: "schedule",
      status: "stopped",
      startedAt: new Date("2026-11-22T06:00:00Z"),
      message: "The mapping needs attention: …",
      summary: { documentsCreated: {}, itemsFailed: 0, durationMs: 90, brokenMapping: [{ slot: "customer", problem: "inactive" }] },
    });
    expect((await recentRuns(db, business.id, connection.id))[0]).toMatchObject({ status: "stopped", stopReason: "mapping" });
    const stranger = await connectedBusiness(db, "RUNS-OTHER");
    expect(await recentRuns(db, stranger.business.id, connection.id)).toEqual([]);
  });
});
