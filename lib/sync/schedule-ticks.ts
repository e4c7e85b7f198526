import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { scheduleTicks } from "@/db/schema";

/**
 * A claimed tick not finished within this long is taken to be abandoned (its process died) and
 * may be claimed again. Longer than any tick should take; the engine's own run lease and
 * idempotence keep a taken-over tick from posting anything twice.
 */
export const TICK_LEASE_MS = 30 * 60_000;

/**
 * Claims one tick of a scheduled job for this process. Exactly one claimant wins per (job, tick):
 * the row's primary key decides it inside the database, so it holds across processes on
 * PostgreSQL and on the embedded PGlite alike (where all connections share one session).
 * Returns true when this process should run the tick.
 */
export async function claimTick(db: Db, claim: { job: string; tick: Date; claimedBy: string; now: Date }): Promise<boolean> {
  const staleBefore = new Date(claim.now.getTime() - TICK_LEASE_MS);
  const rows = await db
    .insert(scheduleTicks)
    .values({ job: claim.job, tick: claim.tick, claimedBy: claim.claimedBy, claimedAt: claim.now })
    .onConflictDoUpdate({
      target: [scheduleTicks.job, scheduleTicks.tick],
      set: { claimedBy: claim.claimedBy, claimedAt: claim.now },
      setWhere: sql`${scheduleTicks.finishedAt} is null and ${scheduleTicks.claimedAt} < ${staleBefore.toISOString()}::timestamptz`,
    })
    .returning({ claimedBy: scheduleTicks.claimedBy });
  return rows.length === 1 && rows[0].claimedBy === claim.claimedBy;
}

/** Records that a claimed tick is done and what it did (or why it failed). */
export async function finishTick(db: Db, tick: { job: string; tick: Date; claimedBy: string; now: Date; outcome: string }): Promise<void> {
  await db
    .update(scheduleTicks)
    .set({ finishedAt: tick.now, outcome: tick.outcome.slice(0, 2000) })
    .where(and(eq(scheduleTicks.job, tick.job), eq(scheduleTicks.tick, tick.tick), eq(scheduleTicks.claimedBy, tick.claimedBy)));
}
