import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { qboConnections, syncRuns } from "@/db/schema";
import type { FailedCall } from "@/lib/quickbooks/api-client";

export interface RunRow {
  id: string;
  startedAt: Date;
  finishedAt: Date | null;
  trigger: string;
  status: string;
  throughDate: string;
  documentsCreated: number;
  itemsFailed: number;
  durationMs: number | null;
  message: string | null;
  /** Why a stopped run stopped, when known: "mapping" (its health check found a broken mapping). */
  stopReason: "mapping" | null;
  /** Calls that failed or whose outcome was unknown, with Intuit's intuit_tid (support shows them). */
  failedCalls: FailedCall[];
}

/** The latest runs of a business's connection (scoped through the connection's business). */
export async function recentRuns(db: Db, businessId: string, connectionId: string, limit = 20): Promise<RunRow[]> {
  const rows = await db
    .select({ run: syncRuns })
    .from(syncRuns)
    .innerJoin(qboConnections, and(eq(qboConnections.id, syncRuns.connectionId), eq(qboConnections.businessId, businessId)))
    .where(eq(syncRuns.connectionId, connectionId))
    .orderBy(desc(syncRuns.startedAt))
    .limit(limit);
  return rows.map(({ run }) => {
    const summary = run.summary;
    return {
      id: run.id,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      trigger: run.trigger,
      status: run.status,
      throughDate: run.throughDate,
      documentsCreated: Object.values(summary?.documentsCreated ?? {}).reduce((a, n) => a + n, 0),
      itemsFailed: summary?.itemsFailed ?? 0,
      durationMs: summary?.durationMs ?? (run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null),
      message: run.message,
      // The engine lists the broken mapping when its health check stopped the run.
      stopReason: summary?.brokenMapping?.length ? "mapping" : null,
      failedCalls: Array.isArray(run.failedCalls) ? (run.failedCalls as FailedCall[]) : [],
    };
  });
}
