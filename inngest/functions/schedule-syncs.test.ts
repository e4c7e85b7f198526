import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardTransactions } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-database";
import { insertBusiness, insertDeposit, insertTransactions } from "@/lib/portal/test-fixtures";
import { connectedBusiness, insertConnection, insertItem, insertRun } from "@/lib/sync/sync-test-fixtures";
import { createScheduleSyncs } from "./schedule-syncs";

// 02:00 in Toronto: 2026-11-20 has ended there. 21:00 on 2026-11-20 in Honolulu: it has not.
const NOW = new Date("2026-11-21T07:00:00Z");

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

/** Mocks every bulk send by id (a real step.sendEvent would try to reach Inngest). */
function sendMocks(pages: number) {
  return Array.from({ length: pages }, (_, i) => ({ id: `send-page-${i}`, handler: () => ({ ids: [] }) }));
}

type SentEvent = { name: string; data: { connectionId: string; realmId: string; trigger: string; through?: string } };
function sentEvents(sendEvent: unknown): SentEvent[][] {
  return (sendEvent as { mock: { calls: [string, SentEvent[]][] } }).mock.calls.map(([, events]) => events);
}

describe("schedule-syncs (hourly fan-out)", () => {
  it("sends one event per due connection and skips paused, disconnected, not-yet-ended and nothing-to-post", async () => {
    const { db } = database;
    const sale = (processorId: string, businessDate: string) => ({ processorId, occurredAt: new Date(`${businessDate}T17:00:00Z`), businessDate });

    // Due: a new sale of yesterday, never planned.
    const due = await connectedBusiness(db, "DUE-NEW");
    await insertTransactions(db, due.business, [sale("due-1", "2026-11-20")]);
    await insertRun(db, due.connection, { throughDate: "2026-11-19" });

    // Due: an item the owner marked ready to sync.
    const ready = await connectedBusiness(db, "DUE-READY");
    const [readyTx] = await insertTransactions(db, ready.business, [sale("ready-1", "2026-11-18")]);
    await insertItem(db, ready.connection, { recordType: "transaction", recordId: readyTx.id, businessDate: "2026-11-18", status: "ready_to_sync" });
    await insertRun(db, ready.connection, { throughDate: "2026-11-19" });

    // Due: a deposit whose receipts are all posted now (unblocked).
    const unblocked = await connectedBusiness(db, "DUE-DEPOSIT");
    const [settled] = await insertTransactions(db, unblocked.business, [sale("unb-1", "2026-11-18")]);
    const unblockedDeposit = await insertDeposit(db, unblocked.business, { processorId: "unb-dep", depositDate: "2026-11-19", transactionIds: [settled.id] });
    await insertItem(db, unblocked.connection, { recordType: "transaction", recordId: settled.id, businessDate: "2026-11-18", status: "posted", qboId: "1" });
    await insertItem(db, unblocked.connection, { recordType: "deposit", recordId: unblockedDeposit.id, businessDate: "2026-11-19", status: "pending" });
    await insertRun(db, unblocked.connection, { throughDate: "2026-11-19" });

    // Skipped: paused, disconnected (with new records).
    for (const [merchantId, status] of [["PAUSED", "paused"], ["GONE", "disconnected"]] as const) {
      const c = await connectedBusiness(db, merchantId, { status, realmId: `realm-${merchantId}` });
      await insertTransactions(db, c.business, [sale(`${merchantId}-1`, "2026-11-20")]);
    }
    // Skipped: the day has not ended in Honolulu; today's sale waits.
    const honolulu = await connectedBusiness(db, "HONOLULU", {}, { timezone: "Pacific/Honolulu" });
    await insertTransactions(db, honolulu.business, [sale("hnl-1", "2026-11-20")]);
    await insertRun(db, honolulu.connection, { throughDate: "2026-11-19" });
    // Skipped: connected today (its first day has not ended).
    const today = await connectedBusiness(db, "TODAY", { connectedOn: "2026-11-21" });
    await insertTransactions(db, today.business, [sale("today-1", "2026-11-21")]);
    // Skipped: yesterday already synced; only today's (unended) sale is new.
    const covered = await connectedBusiness(db, "COVERED");
    await insertTransactions(db, covered.business, [sale("cov-1", "2026-11-21")]);
    await insertRun(db, covered.connection, { throughDate: "2026-11-20" });
    // Skipped: the day ended but nothing to post (everything posted, a deposit still blocked by a failed receipt).
    const idle = await connectedBusiness(db, "IDLE");
    const [failedTx] = await insertTransactions(db, idle.business, [sale("idle-1", "2026-11-18")]);
    const blocked = await insertDeposit(db, idle.business, { processorId: "idle-dep", depositDate: "2026-11-19", transactionIds: [failedTx.id] });
    await insertItem(db, idle.connection, { recordType: "transaction", recordId: failedTx.id, businessDate: "2026-11-18", status: "failed", faultCode: "610" });
    await insertItem(db, idle.connection, { recordType: "deposit", recordId: blocked.id, businessDate: "2026-11-19", status: "pending" });
    await insertRun(db, idle.connection, { throughDate: "2026-11-19" });
    // Skipped: a setup never confirmed.
    const unfinished = await connectedBusiness(db, "NO-SETUP", { setupCompletedAt: null });
    await insertTransactions(db, unfinished.business, [sale("ns-1", "2026-11-20")]);

    const t = new InngestTestEngine({ function: createScheduleSyncs({ db: () => db, now: () => NOW, pageSize: 100 }) });
    const { result, ctx } = await t.execute({ steps: sendMocks(1) });

    expect(result).toEqual({ pages: 1, sent: 3 });
    const [events] = sentEvents(ctx.step.sendEvent);
    expect(events.map((e) => e.data.connectionId).sort()).toEqual([due.connection.id, ready.connection.id, unblocked.connection.id].sort());
    const dueEvent = events.find((e) => e.data.connectionId === due.connection.id);
    expect(dueEvent).toMatchObject({
      name: "settlebooks/connection.sync.requested",
      data: { realmId: due.connection.realmId, trigger: "schedule", through: "2026-11-20" },
    });
  });

  it("reads 250 due connections in pages of 100 and sends each page in one bulk send", async () => {
    const scale = await createTestDatabase();
    try {
      const { db } = scale;
      const businesses = await Promise.all(Array.from({ length: 250 }, (_, i) => insertBusiness(db, `SCALE-${String(i).padStart(3, "0")}`)));
      const connections = await Promise.all(businesses.map((b) => insertConnection(db, b)));
      await db.insert(cardTransactions).values(
        businesses.map((b, i) => ({
          businessId: b.id,
          processorId: `scale-${i}`,
          kind: "sale" as const,
          amountMinor: 1_000,
          currency: "CAD" as const,
          cardBrand: "visa" as const,
          last4: "4242",
          occurredAt: new Date("2026-11-20T17:00:00Z"),
          businessDate: "2026-11-20",
          payloadHash: "fixture",
        })),
      );

      const t = new InngestTestEngine({ function: createScheduleSyncs({ db: () => db, now: () => NOW, pageSize: 100 }) });
      const { result, ctx } = await t.execute({ steps: sendMocks(3) });

      expect(result).toEqual({ pages: 3, sent: 250 });
      const batches = sentEvents(ctx.step.sendEvent);
      expect(batches.map((b) => b.length)).toEqual([100, 100, 50]);
      const sent = batches.flat().map((e) => e.data.connectionId);
      expect(new Set(sent).size).toBe(250);
      expect(new Set(sent)).toEqual(new Set(connections.map((c) => c.id)));
      expect(ctx.step.run).toHaveBeenCalledWith("load-page-2", expect.any(Function));
    } finally {
      await scale.drop();
    }
  });
});
