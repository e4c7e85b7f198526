import { and, eq, inArray, isNull, like, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { notifications } from "@/db/schema";
import { scheduleEmailDelivery } from "./email/background";
import { reachesAccountants, type NotificationKind } from "./kinds";

export interface RaiseNotification {
  businessId: string;
  connectionId?: string | null;
  kind: NotificationKind;
  /** Names the cause: while a notification with this key is open, raising it again does nothing. */
  causeKey: string;
  params?: Record<string, unknown>;
}

/**
 * Records a notification once per cause and addresses it to the business's owners (and, for kinds
 * that only inform, its accountants), each with an email waiting unless they turned that kind off.
 * The unique open-cause index makes "once" hold across processes. Returns the new id, or null when
 * the cause is already open. Emails leave in the background: never in the caller's way.
 */
export async function raiseNotification(db: Db, input: RaiseNotification): Promise<string | null> {
  const roles = reachesAccountants(input.kind) ? ["owner", "accountant"] : ["owner"];
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(notifications)
      .values({ businessId: input.businessId, connectionId: input.connectionId ?? null, kind: input.kind, causeKey: input.causeKey, params: input.params ?? {} })
      .onConflictDoNothing()
      .returning({ id: notifications.id });
    if (!row) return null;
    await tx.execute(sql`
      insert into notification_recipients (notification_id, user_id, email_state)
      select ${row.id}::uuid, m.user_id,
        (case when coalesce(p.email, true) then 'pending' else 'off' end)::notification_email_state
      from memberships m
      left join notification_email_preferences p on p.user_id = m.user_id and p.kind = ${input.kind}::notification_kind
      where m.business_id = ${input.businessId}::uuid
        and m.role in (${sql.join(roles.map((r) => sql`${r}::membership_role`), sql`, `)})`);
    return row.id;
  });
  if (id) scheduleEmailDelivery(db);
  return id;
}

export interface OpenCauseFilter {
  kinds?: NotificationKind[];
  connectionId?: string;
  /** Open causes whose key starts with this (a cause family: "token_expiring:<connection>:"). */
  causeKeyPrefix?: string;
}

/** Marks the business's open notifications matching the filter resolved: their causes may speak again. */
export async function resolveNotifications(db: Db, businessId: string, filter: OpenCauseFilter): Promise<number> {
  const conditions = [eq(notifications.businessId, businessId), isNull(notifications.resolvedAt)];
  if (filter.kinds) conditions.push(inArray(notifications.kind, filter.kinds));
  if (filter.connectionId) conditions.push(eq(notifications.connectionId, filter.connectionId));
  if (filter.causeKeyPrefix) conditions.push(like(notifications.causeKey, `${filter.causeKeyPrefix.replace(/[\\%_]/g, "\\$&")}%`));
  // The database's clock, like createdAt: "resolved after the last recovery" compares the two.
  const resolved = await db.update(notifications).set({ resolvedAt: sql`now()` }).where(and(...conditions)).returning({ id: notifications.id });
  return resolved.length;
}
