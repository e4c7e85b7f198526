import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { notificationEmailPreferences } from "@/db/schema";
import { NOTIFICATION_KINDS, type NotificationKind } from "./kinds";

/** Which kinds reach the user by email (every kind does until they turn it off). */
export async function emailChoices(db: Db, userId: string): Promise<Record<NotificationKind, boolean>> {
  const rows = await db.select().from(notificationEmailPreferences).where(eq(notificationEmailPreferences.userId, userId));
  const choices = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, true])) as Record<NotificationKind, boolean>;
  for (const row of rows) choices[row.kind] = row.email;
  return choices;
}

/**
 * Saves the user's email choices (the kinds given; others keep theirs). Emails already waiting for
 * a kind turned off are not sent: the choice applies at once.
 */
export async function saveEmailChoices(db: Db, userId: string, choices: Partial<Record<NotificationKind, boolean>>): Promise<void> {
  const entries = Object.entries(choices) as [NotificationKind, boolean][];
  if (entries.length === 0) return;
  await db.transaction(async (tx) => {
    await tx
      .insert(notificationEmailPreferences)
      .values(entries.map(([kind, email]) => ({ userId, kind, email })))
      .onConflictDoUpdate({
        target: [notificationEmailPreferences.userId, notificationEmailPreferences.kind],
        set: { email: sql`excluded.email`, updatedAt: sql`now()` },
      });
    const off = entries.filter(([, email]) => !email).map(([kind]) => kind);
    if (off.length > 0) {
      await tx.execute(sql`
        update notification_recipients r set email_state = 'off'
        from notifications n
        where n.id = r.notification_id and r.user_id = ${userId}::uuid and r.email_state = 'pending'
          and n.kind in (${sql.join(off.map((k) => sql`${k}::notification_kind`), sql`, `)})`);
    }
  });
}
