import { and, eq, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { syncRuns, type StoredRunSummary } from "@/db/schema";

/** A run that has not renewed its heartbeat for this long is presumed dead and may be taken over. */
export const RUN_LEASE_MS = 10 * 60 * 1000;

/** A failed or stopped run is tried again by the schedule after this long (not every hour). */
export const RETRY_UNFINISHED_DAY_AFTER_HOURS = 6;

export type RunTrigger = "schedule" | "manual" | "cli" | "support" | "retry";

/**
 * Claims the connection for one run. The partial unique index on running runs means two runs
 * racing for the same connection cannot both start: the loser gets null and stops, whatever
 * process or machine it is on. A run whose process died is marked failed once its lease lapses.
 */
export async function claimRun(db: Db, connectionId: string, trigger: RunTrigger, throughDate: string, now = new Date()): Promise<string | null> {
  await db
    .update(syncRuns)
    .set({ status: "failed", finishedAt: now, message: "The run stopped answering (its process ended) and was taken over." })
    .where(and(eq(syncRuns.connectionId, connectionId), eq(syncRuns.status, "running"), lt(syncRuns.heartbeatAt, new Date(now.getTime() - RUN_LEASE_MS))));
  const rows = await db
    .insert(syncRuns)
    .values({ connectionId, trigger, throughDate, startedAt: now, heartbeatAt: now })
    .onConflictDoNothing()
    .returning({ id: syncRuns.id });
  return rows[0]?.id ?? null;
}

export async function heartbeat(db: Db, runId: string): Promise<void> {
  await db.update(syncRuns).set({ heartbeatAt: sql`now()` }).where(eq(syncRuns.id, runId));
}

/**
 * Records how a run ended, and when its connection is next due for the hourly schedule: once the
 * business day after the one the run covered has ended (in the business's time zone), or, for a
 * failed or stopped run, after RETRY_UNFINISHED_DAY_AFTER_HOURS if that comes first. The fan-out
 * skips connections not due yet with an index read (see due-connections).
 */
export async function finishRun(
  db: Db,
  runId: string,
  outcome: { status: "succeeded" | "partly_failed" | "stopped" | "failed"; summary: StoredRunSummary; message?: string | null; failedCalls?: unknown[] },
): Promise<void> {
  const [run] = await db
    .update(syncRuns)
    .set({
      status: outcome.status,
      summary: outcome.summary,
      message: outcome.message ?? null,
      failedCalls: outcome.failedCalls?.length ? outcome.failedCalls : null,
      finishedAt: sql`now()`,
    })
    .where(eq(syncRuns.id, runId))
    .returning({ connectionId: syncRuns.connectionId, throughDate: syncRuns.throughDate, startedAt: syncRuns.startedAt });
  if (!run) return;
  const nextDayEnded = sql`((${run.throughDate}::date + 2)::timestamp at time zone b.timezone)`;
  const retry = sql`(${run.startedAt.toISOString()}::timestamptz + make_interval(hours => ${RETRY_UNFINISHED_DAY_AFTER_HOURS}))`;
  await db.execute(sql`
    update qbo_connections c
    set next_sync_due_at = ${outcome.status === "failed" || outcome.status === "stopped" ? sql`least(${nextDayEnded}, ${retry})` : nextDayEnded}
    from businesses b
    where c.id = ${run.connectionId} and b.id = c.business_id`);
}
