import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-database";
import { requestSync, syncNowWaitSeconds, usesInngest, type SyncEventData } from "./dispatch";
import type { SyncSummary } from "./engine";
import { connectedBusiness, insertRun } from "./sync-test-fixtures";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

const summary = (connectionId: string): SyncSummary => ({
  status: "succeeded",
  connectionId,
  through: "2026-11-20",
  documentsCreated: { SalesReceipt: 2 },
  adopted: 0,
  itemsFailed: 0,
  depositsTiedOut: 0,
  depositsWaiting: 0,
  qboCalls: 3,
  throttledCalls: 0,
  durationMs: 5,
});

describe("requestSync", () => {
  it("uses Inngest when an event key or a base URL is configured", () => {
    expect(usesInngest({ INNGEST_EVENT_KEY: undefined, INNGEST_BASE_URL: undefined })).toBe(false);
    expect(usesInngest({ INNGEST_EVENT_KEY: "key", INNGEST_BASE_URL: undefined })).toBe(true);
    expect(usesInngest({ INNGEST_EVENT_KEY: undefined, INNGEST_BASE_URL: "http://localhost:8288" })).toBe(true);
  });

  it("sends the event with the company's realm id in Inngest mode, and runs nothing here", async () => {
    const { connection } = await connectedBusiness(database.db, "DISPATCH-Q");
    const sent: SyncEventData[] = [];
    const run = vi.fn();
    const result = await requestSync({ db: database.db, queue: true, send: async (d) => void sent.push(d), run }, { connectionId: connection.id, trigger: "manual" });
    expect(result).toEqual({ mode: "queued" });
    expect(sent).toEqual([{ connectionId: connection.id, trigger: "manual", realmId: connection.realmId }]);
    expect(run).not.toHaveBeenCalled();
  });

  it("runs the engine in-process without Inngest: awaited within the wait, else left in the background", async () => {
    const { connection } = await connectedBusiness(database.db, "DISPATCH-L");
    const send = vi.fn();
    const quick = vi.fn(async () => summary(connection.id));
    expect(await requestSync({ db: database.db, queue: false, send, run: quick, waitMs: 1_000 }, { connectionId: connection.id, trigger: "cli" })).toEqual({
      mode: "completed",
      summary: summary(connection.id),
    });
    let finish: () => void = () => {};
    const slow = vi.fn(() => new Promise<SyncSummary>((resolve) => (finish = () => resolve(summary(connection.id)))));
    expect(await requestSync({ db: database.db, queue: false, send, run: slow, waitMs: 20 }, { connectionId: connection.id, trigger: "manual" })).toEqual({ mode: "background" });
    finish();
    // A failed run hands back the summary the engine recorded.
    const failing = vi.fn(async () => {
      throw Object.assign(new Error("boom"), { summary: { ...summary(connection.id), status: "failed" as const } });
    });
    expect(await requestSync({ db: database.db, queue: false, send, run: failing }, { connectionId: connection.id, trigger: "cli" })).toMatchObject({ mode: "completed", summary: { status: "failed" } });
    // One that failed before the engine could record a run says so, with its cause (not "still running").
    const broken = vi.fn(async () => {
      throw new Error("the database refused the run lease");
    });
    expect(await requestSync({ db: database.db, queue: false, send, run: broken, waitMs: 5_000 }, { connectionId: connection.id, trigger: "manual" })).toEqual({
      mode: "failed",
      message: "the database refused the run lease",
    });
    expect(send).not.toHaveBeenCalled();
  });

  it("asks nothing of a connection that is not active", async () => {
    const { connection } = await connectedBusiness(database.db, "DISPATCH-P", { status: "paused" });
    const send = vi.fn();
    expect(await requestSync({ db: database.db, queue: true, send }, { connectionId: connection.id, trigger: "manual" })).toEqual({ mode: "not_active" });
    expect(send).not.toHaveBeenCalled();
  });
});

describe("Sync now rate limit", () => {
  it("allows one run a minute per connection, waits for a live run, and ignores a dead one", async () => {
    const { db } = database;
    const now = new Date("2026-11-21T12:00:00Z");
    const { connection } = await connectedBusiness(db, "RATE");
    expect(await syncNowWaitSeconds(db, connection.id, now)).toBe(0);
    await insertRun(db, connection, { throughDate: "2026-11-20", startedAt: new Date(now.getTime() - 20_000) });
    expect(await syncNowWaitSeconds(db, connection.id, now)).toBe(40);
    expect(await syncNowWaitSeconds(db, connection.id, new Date(now.getTime() + 41_000))).toBe(0);

    const other = await connectedBusiness(db, "RATE-RUNNING");
    await insertRun(db, other.connection, { throughDate: "2026-11-20", status: "running", startedAt: new Date(now.getTime() - 5 * 60_000), heartbeatAt: new Date(now.getTime() - 10_000), finishedAt: null });
    expect(await syncNowWaitSeconds(db, other.connection.id, now)).toBe(60);
    expect(await syncNowWaitSeconds(db, other.connection.id, new Date(now.getTime() + 11 * 60_000))).toBe(0);
  });
});
