import { and, count, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { notificationRecipients, notifications } from "@/db/schema";
import type { NotificationKind } from "./kinds";

export interface InboxEntry {
  id: string;
  kind: NotificationKind;
  params: unknown;
  createdAt: Date;
  resolvedAt: Date | null;
  readAt: Date | null;
}

const INBOX_LIMIT = 100;

/** A user's notifications for one business, newest first (only those addressed to them). */
export async function listInbox(db: Db, businessId: string, userId: string): Promise<InboxEntry[]> {
  return db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      params: notifications.params,
      createdAt: notifications.createdAt,
      resolvedAt: notifications.resolvedAt,
      readAt: notificationRecipients.readAt,
    })
    .from(notificationRecipients)
    .innerJoin(notifications, eq(notifications.id, notificationRecipients.notificationId))
    .where(and(eq(notifications.businessId, businessId), eq(notificationRecipients.userId, userId)))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(INBOX_LIMIT);
}

/** The bell's number: the user's unread notifications for one business. */
export async function unreadCount(db: Db, businessId: string, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notificationRecipients)
    .innerJoin(notifications, eq(notifications.id, notificationRecipients.notificationId))
    .where(and(eq(notifications.businessId, businessId), eq(notificationRecipients.userId, userId), isNull(notificationRecipients.readAt)));
  return Number(row?.n ?? 0);
}

/**
 * Marks one of the user's notifications of this business read (all of them when `notificationId`
 * is absent). Returns the kind of the one marked, so the caller can send the reader where to act;
 * null when it is not theirs.
 */
export async function markRead(db: Db, businessId: string, userId: string, notificationId?: string): Promise<NotificationKind | null> {
  const rows = await db.execute<{ kind: NotificationKind }>(sql`
    update notification_recipients r set read_at = coalesce(r.read_at, now())
    from notifications n
    where n.id = r.notification_id and n.business_id = ${businessId}::uuid and r.user_id = ${userId}::uuid
      ${notificationId ? sql`and n.id = ${notificationId}::uuid` : sql``}
    returning n.kind`);
  return rows[0]?.kind ?? null;
}
