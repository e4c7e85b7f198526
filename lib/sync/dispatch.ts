import { desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { qboConnections, syncRuns } from "@/db/schema";
import { env, type Env } from "@/lib/env";
import type { IsoDate } from "./dates";
import { syncConnection, type SyncSummary } from "./engine";
import { RUN_LEASE_MS, type RunTrigger } from "./run-lock";

export interface SyncRequest {
  connectionId: string;
  trigger: RunTrigger;
  through?: IsoDate;
}

/** What the Inngest event carries: the request plus the company, which is the concurrency key. */
export type SyncEventData = SyncRequest & { realmId: string };
export type SyncEventSender = (data: SyncEventData) => Promise<void>;

export type SyncDispatch =
  /** Sent to Inngest: the per-connection function runs it (with retries, one at a time per company). */
  | { mode: "queued" }
  /** Ran in this process and finished within the wait. */
  | { mode: "completed"; summary: SyncSummary }
  /** Ran in this process and is still going after the wait; it finishes in the background. */
  | { mode: "background" }
  /** Nothing to run: the connection is not active (paused, disconnected, not set up). */
  | { mode: "not_active" }
  /** Ran in this process and failed before the engine could record a run (no summary): why, for the caller. */
  | { mode: "failed"; message: string };

export interface DispatchDeps {
  db: Db;
  /** Sends the event to Inngest (inngest/send.ts); lib/ does not import the inngest/ folder. */
  send: SyncEventSender;
  /** Overrides the environment's choice (tests). */
  queue?: boolean;
  /** How long a local run is awaited before it is left to finish in the background. */
  waitMs?: number;
  /** The engine (tests replace it). */
  run?: typeof syncConnection;
}

/** Inngest is used when an event key (Inngest Cloud) or a base URL (a self-hosted or dev server) is set. */
export function usesInngest(e: Pick<Env, "INNGEST_EVENT_KEY" | "INNGEST_BASE_URL"> = env()): boolean {
  return Boolean(e.INNGEST_EVENT_KEY || e.INNGEST_BASE_URL);
}

/**
 * The one way a sync is asked for: the owner's Sync now, "Ready to sync", the CLI and support.
 * With Inngest configured it sends the same event the schedule sends; without (the offline demo,
 * tests) it runs the engine in this process. A local run is awaited for `waitMs` (a request must
 * not hang on a long backlog) and otherwise keeps going in the background of the server process:
 * the engine's run lease and idempotence make that safe, and the runs list shows its outcome.
 */
export async function requestSync(deps: DispatchDeps, request: SyncRequest): Promise<SyncDispatch> {
  const [connection] = await deps.db
    .select({ status: qboConnections.status, realmId: qboConnections.realmId, setupCompletedAt: qboConnections.setupCompletedAt })
    .from(qboConnections)
    .where(eq(qboConnections.id, request.connectionId));
  if (!connection || connection.status !== "active" || !connection.realmId || !connection.setupCompletedAt) return { mode: "not_active" };

  if (deps.queue ?? usesInngest()) {
    await deps.send({ ...request, realmId: connection.realmId });
    return { mode: "queued" };
  }

  type LocalOutcome = { mode: "completed"; summary: SyncSummary } | { mode: "failed"; message: string };
  const run: Promise<LocalOutcome> = (deps.run ?? syncConnection)({ db: deps.db }, request).then(
    (summary) => ({ mode: "completed", summary }),
    // The engine records a failed run before it throws; keep its summary for the caller. Without
    // one (it failed before it could record a run) the caller is told it failed, and why.
    (error: unknown) => {
      const summary = (error as { summary?: SyncSummary }).summary;
      if (summary) return { mode: "completed", summary };
      console.error(`sync of connection ${request.connectionId} failed:`, error);
      return { mode: "failed", message: error instanceof Error ? error.message : String(error) };
    },
  );
  const waitMs = deps.waitMs ?? Number.POSITIVE_INFINITY;
  if (!Number.isFinite(waitMs)) return run;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), waitMs);
  });
  const first = await Promise.race([run, timeout]);
  clearTimeout(timer);
  return first === "timeout" ? { mode: "background" } : first;
}

/** Sync now may start a run once a minute per connection. */
const SYNC_NOW_INTERVAL_MS = 60_000;

/**
 * Seconds the owner must wait before Sync now may start another run (0: allowed). Read from
 * sync_runs, so it holds across server processes: a run is running, or one started less than a
 * minute ago.
 */
export async function syncNowWaitSeconds(db: Db, connectionId: string, now = new Date()): Promise<number> {
  const [last] = await db
    .select({ startedAt: syncRuns.startedAt, status: syncRuns.status, heartbeatAt: syncRuns.heartbeatAt })
    .from(syncRuns)
    .where(eq(syncRuns.connectionId, connectionId))
    .orderBy(desc(syncRuns.startedAt))
    .limit(1);
  if (!last) return 0;
  const elapsed = now.getTime() - last.startedAt.getTime();
  // A run still working (its lease is fresh): wait for it; a dead one is taken over by the next run.
  if (last.status === "running" && now.getTime() - last.heartbeatAt.getTime() < RUN_LEASE_MS) return Math.ceil(SYNC_NOW_INTERVAL_MS / 1000);
  return elapsed >= SYNC_NOW_INTERVAL_MS ? 0 : Math.ceil((SYNC_NOW_INTERVAL_MS - elapsed) / 1000);
}
