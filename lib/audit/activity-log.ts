import { and, desc, eq, or, lt, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { auditEvents, users } from "@/db/schema";
import { decodeCursor, encodeCursor, exactTimestamp } from "@/lib/portal/keyset-cursor";

const ACTIVITY_PAGE_SIZE = 20;

/** One audit event as the activity log shows it: who (and whether support), what, when, why, before and after. */
export interface ActivityEntry {
  id: string;
  action: string;
  createdAt: Date;
  actor: { name: string | null; email: string; isSupport: boolean } | null;
  /** The reason support typed, when the action needed one. */
  reason: string | null;
  /** How many items an action on failed items moved. */
  itemCount: number | null;
  before: unknown;
  after: unknown;
}

export interface ActivityPage {
  entries: ActivityEntry[];
  /** Opaque cursor of the next (older) page, if any. */
  next: string | null;
}

const cursorSchema = z.object({ at: exactTimestamp, id: z.uuid() });

/**
 * A business's audit trail, newest first, a page at a time (keyset on created_at, id: the
 * audit_events_business_created index). Scoped to the business; the cursor comes from the URL and
 * is validated (an invalid one throws InvalidCursorError).
 */
export async function activityLog(db: DbOrTx, businessId: string, options: { cursor?: string; pageSize?: number } = {}): Promise<ActivityPage> {
  const pageSize = options.pageSize ?? ACTIVITY_PAGE_SIZE;
  const after = options.cursor ? decodeCursor(cursorSchema, options.cursor) : null;
  const at = sql<string>`to_char(${auditEvents.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
  const rows = await db
    .select({
      event: auditEvents,
      exactAt: at,
      name: users.name,
      email: users.email,
      isSupport: users.isSupport,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(
      and(
        eq(auditEvents.businessId, businessId),
        after
          ? or(lt(auditEvents.createdAt, sql`${after.at}::timestamptz`), and(eq(auditEvents.createdAt, sql`${after.at}::timestamptz`), lt(auditEvents.id, after.id)))
          : undefined,
      ),
    )
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(pageSize + 1);
  const page = rows.slice(0, pageSize);
  const last = page[page.length - 1];
  return {
    entries: page.map(({ event, name, email, isSupport }) => {
      const after = (event.after ?? {}) as { reason?: unknown; itemIds?: unknown };
      return {
        id: event.id,
        action: event.action,
        createdAt: event.createdAt,
        actor: email ? { name, email, isSupport: isSupport ?? false } : null,
        reason: typeof after.reason === "string" ? after.reason : null,
        itemCount: Array.isArray(after.itemIds) ? after.itemIds.length : null,
        before: event.before,
        after: event.after,
      };
    }),
    next: rows.length > pageSize && last ? encodeCursor({ at: last.exactAt, id: last.event.id }) : null,
  };
}
