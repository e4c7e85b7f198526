import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { memberships } from "@/db/schema";

/**
 * Removes a user from one business. Their sessions end for that business at once — every page, route
 * and action reads the membership from the database on each request (lib/auth/access) — while
 * their access to other businesses is untouched. Returns whether a membership was removed.
 */
export async function removeMembership(db: DbOrTx, businessId: string, userId: string): Promise<boolean> {
  const removed = await db
    .delete(memberships)
    .where(and(eq(memberships.businessId, businessId), eq(memberships.userId, userId)))
    .returning({ userId: memberships.userId });
  return removed.length > 0;
}
