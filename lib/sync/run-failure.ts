import { and, eq, gt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { syncRuns } from "@/db/schema";
import type { IsoDate } from "./dates";
import type { RunTrigger } from "./run-lock";

/**
 * Records that a requested sync gave up after its last retry, so the owner sees it in the runs
 * list. The engine already finishes its own run as failed when it throws; this covers what it
 * cannot: a run left `running` by a process that died, or a failure before a run was claimed.
 */
export async function recordSyncFailure(
  db: Db,
  failure: { connectionId: string; trigger: RunTrigger; through?: IsoDate | null; message: string; now?: Date },
): Promise<void> {
  const now = failure.now ?? new Date();
  const message = `The sync failed after its last retry: ${failure.message}`.slice(0, 2000);
  const closed = await db
    .update(syncRuns)
    .set({ status: "failed", finishedAt: now, message })
    .where(and(eq(syncRuns.connectionId, failure.connectionId), eq(syncRuns.status, "running")))
    .returning({ id: syncRuns.id });
  if (closed.length > 0) return;
  // The engine finished its run as failed a moment ago: that row already says why.
  const [recent] = await db
    .select({ id: syncRuns.id })
    .from(syncRuns)
    .where(and(eq(syncRuns.connectionId, failure.connectionId), eq(syncRuns.status, "failed"), gt(syncRuns.finishedAt, new Date(now.getTime() - 60 * 60_000))))
    .limit(1);
  if (recent) return;
  await db.insert(syncRuns).values({
    connectionId: failure.connectionId,
    trigger: failure.trigger,
    throughDate: failure.through ?? now.toISOString().slice(0, 10),
    status: "failed",
    startedAt: now,
    heartbeatAt: now,
    finishedAt: now,
    message,
  });
}
