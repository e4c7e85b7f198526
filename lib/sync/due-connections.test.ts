import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-database";
import { insertTransactions } from "@/lib/portal/test-fixtures";
import { dueConnectionsPage } from "./due-connections";
import { connectedBusiness, insertRun } from "./sync-test-fixtures";

const NOW = new Date("2026-11-21T12:00:00Z"); // 07:00 in Toronto: 2026-11-20 has ended

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

describe("due connections", () => {
  it("leaves a running sync alone, tries a failed or stopped day again after six hours, and pages by connection id", async () => {
    const { db } = database;
    const withSale = async (merchantId: string) => {
      const c = await connectedBusiness(db, merchantId);
      await insertTransactions(db, c.business, [{ processorId: `${merchantId}-1`, occurredAt: new Date("2026-11-20T17:00:00Z"), businessDate: "2026-11-20" }]);
      return c.connection;
    };
    const running = await withSale("RUNNING");
    await insertRun(db, running, { throughDate: "2026-11-20", status: "running", startedAt: new Date(NOW.getTime() - 60_000), finishedAt: null });
    const staleRunning = await withSale("STALE");
    await insertRun(db, staleRunning, { throughDate: "2026-11-20", status: "running", startedAt: new Date(NOW.getTime() - 3_600_000), finishedAt: null });
    const failedRecently = await withSale("FAILED-RECENT");
    await insertRun(db, failedRecently, { throughDate: "2026-11-20", status: "failed", startedAt: new Date(NOW.getTime() - 2 * 3_600_000) });
    const failedLongAgo = await withSale("FAILED-OLD");
    await insertRun(db, failedLongAgo, { throughDate: "2026-11-20", status: "stopped", startedAt: new Date(NOW.getTime() - 7 * 3_600_000) });
    const fresh = await withSale("FRESH");

    const first = await dueConnectionsPage(db, { now: NOW, pageSize: 2 });
    const second = await dueConnectionsPage(db, { now: NOW, pageSize: 2, after: first.next });
    const ids = [...first.connections, ...second.connections].map((c) => c.connectionId);
    expect(ids.sort()).toEqual([staleRunning.id, failedLongAgo.id, fresh.id].sort());
    expect(first.connections).toHaveLength(2);
    expect(second.next).toBeNull();
    expect(first.connections[0].connectionId < first.connections[1].connectionId).toBe(true);
    expect(first.connections[0]).toMatchObject({ through: "2026-11-20" });
    void running;
    void failedRecently;
  });
});
