import { InngestTestEngine } from "@inngest/test";
import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { syncRuns } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-database";
import type { SyncSummary } from "@/lib/sync/engine";
import { connectedBusiness, insertRun } from "@/lib/sync/sync-test-fixtures";
import { createSyncConnection } from "./sync-connection";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

const summary = (status: SyncSummary["status"], connectionId: string): SyncSummary => ({
  status,
  connectionId,
  through: "2026-11-20",
  documentsCreated: { SalesReceipt: 3, Deposit: 1 },
  adopted: 0,
  itemsFailed: 0,
  depositsTiedOut: 1,
  depositsWaiting: 0,
  qboCalls: 6,
  throttledCalls: 0,
  durationMs: 40,
  message: status === "already_running" ? "Another sync of this connection is running." : undefined,
});

const event = (connectionId: string) => ({
  name: "settlebooks/connection.sync.requested" as const,
  data: { connectionId, realmId: "9130-realm", trigger: "schedule" as const, through: "2026-11-20" },
});

type Config = { id: string; concurrency?: unknown; retries?: number; triggers?: { event?: string }[] };
const configOf = (fn: unknown) => (fn as { opts: Config }).opts;

describe("sync-connection (one connection)", () => {
  it("runs one concurrent sync per QuickBooks company and per connection, with retries", () => {
    const config = configOf(createSyncConnection({ db: () => database.db }));
    expect(config.id).toBe("sync-connection");
    expect(config.triggers?.[0]?.event).toBe("settlebooks/connection.sync.requested");
    expect(config.concurrency).toEqual([
      { key: "event.data.realmId", limit: 1 },
      { key: "event.data.connectionId", limit: 1 },
    ]);
    expect(config.retries).toBe(4);
  });

  it("calls the engine in one step with the event's connection, trigger and date", async () => {
    const run = vi.fn(async (_deps: unknown, options: { connectionId: string }) => summary("succeeded", options.connectionId));
    const t = new InngestTestEngine({ function: createSyncConnection({ db: () => database.db, run }) });
    const { result, ctx } = await t.execute({ events: [event("3f0b9a52-5d1e-4c7e-9d44-000000000001")] });
    expect(ctx.step.run).toHaveBeenCalledWith("sync", expect.any(Function));
    expect(run).toHaveBeenCalledWith(
      expect.objectContaining({ db: database.db }),
      { connectionId: "3f0b9a52-5d1e-4c7e-9d44-000000000001", trigger: "schedule", through: "2026-11-20" },
    );
    expect(result).toMatchObject({ status: "succeeded", documentsCreated: { SalesReceipt: 3, Deposit: 1 } });
  });

  it("fails the step (so Inngest retries it later) while another run holds the connection", async () => {
    const run = vi.fn(async (_deps: unknown, options: { connectionId: string }) => summary("already_running", options.connectionId));
    const t = new InngestTestEngine({ function: createSyncConnection({ db: () => database.db, run }) });
    const { error } = await t.execute({ events: [event("3f0b9a52-5d1e-4c7e-9d44-000000000002")] });
    expect(String((error as Error | undefined)?.message ?? error)).toMatch(/Another sync of this connection is running/);
  });

  it("an engine that rejects fails the run (Inngest's retries then apply)", async () => {
    const run = vi.fn(async () => {
      throw new Error("QuickBooks answered 503 four times");
    });
    const t = new InngestTestEngine({ function: createSyncConnection({ db: () => database.db, run }) });
    const { error } = await t.execute({ events: [event("3f0b9a52-5d1e-4c7e-9d44-000000000003")] });
    expect(String((error as Error | undefined)?.message ?? error)).toMatch(/503/);
  });

  it("after the last retry, onFailure records the failure on the connection's run for the owner", async () => {
    const { db } = database;
    const { connection } = await connectedBusiness(db, "ONFAIL");
    // The process died mid-run: the run is still marked running.
    await insertRun(db, connection, { throughDate: "2026-11-20", status: "running", finishedAt: null });
    const fn = createSyncConnection({ db: () => db }) as unknown as { opts: { onFailure: (ctx: unknown) => Promise<void> } };
    await fn.opts.onFailure({
      event: { name: "inngest/function.failed", data: { function_id: "settlebooks-sync-connection", run_id: "r1", error: { message: "boom" }, event: event(connection.id) } },
      error: new Error("QuickBooks answered 503 four times"),
    });
    const [run] = await db.select().from(syncRuns).where(eq(syncRuns.connectionId, connection.id)).orderBy(desc(syncRuns.startedAt));
    expect(run.status).toBe("failed");
    expect(run.message).toMatch(/failed after its last retry: QuickBooks answered 503 four times/);

    // With no run at all (it failed before claiming one), a failed run is written.
    const other = await connectedBusiness(db, "ONFAIL-2");
    await fn.opts.onFailure({
      event: { name: "inngest/function.failed", data: { function_id: "x", run_id: "r2", error: { message: "boom" }, event: event(other.connection.id) } },
      error: new Error("database unreachable"),
    });
    const runs = await db.select().from(syncRuns).where(eq(syncRuns.connectionId, other.connection.id));
    expect(runs).toEqual([expect.objectContaining({ status: "failed", trigger: "schedule", throughDate: "2026-11-20" })]);
  });
});
