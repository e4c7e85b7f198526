import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { loginFailures } from "@/db/schema";

/** Failures allowed before sign-ins for that email are slowed down. */
export const FREE_FAILURES = 3;
const MAX_WAIT_SECONDS = 300;

/**
 * After FREE_FAILURES failed sign-ins for one email, each further attempt must wait an
 * exponentially growing time since the last failure (1 s, 2 s, 4 s … up to 5 minutes).
 * An attempt inside the wait is refused without checking the password.
 */
export function waitSecondsAfter(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(2 ** (failures - FREE_FAILURES), MAX_WAIT_SECONDS);
}

export async function isThrottled(db: DbOrTx, email: string, now = new Date()): Promise<boolean> {
  const [row] = await db.select().from(loginFailures).where(eq(loginFailures.email, email));
  if (!row) return false;
  const waitMs = waitSecondsAfter(row.failures) * 1000;
  return now.getTime() - row.lastFailedAt.getTime() < waitMs;
}

export async function recordFailure(db: DbOrTx, email: string, now = new Date()): Promise<void> {
  await db
    .insert(loginFailures)
    .values({ email, failures: 1, lastFailedAt: now })
    .onConflictDoUpdate({
      target: loginFailures.email,
      set: { failures: sql`${loginFailures.failures} + 1`, lastFailedAt: now },
    });
}

export async function clearFailures(db: DbOrTx, email: string): Promise<void> {
  await db.delete(loginFailures).where(eq(loginFailures.email, email));
}
