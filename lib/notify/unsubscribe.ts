import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { verifyUnsubscribe } from "./email/unsubscribe-token";
import type { NotificationKind } from "./kinds";
import { saveEmailChoices } from "./preferences";

export type UnsubscribeOutcome = { ok: true; kind: NotificationKind; locale: Locale } | { ok: false };

/** The signed one-click link: when its signature holds, that kind of email is turned off for that user. */
export async function unsubscribeByLink(db: Db, query: unknown): Promise<UnsubscribeOutcome> {
  const link = verifyUnsubscribe(query);
  if (!link) return { ok: false };
  const [user] = await db.select({ id: users.id, locale: users.locale }).from(users).where(eq(users.id, link.userId));
  if (!user) return { ok: false };
  await saveEmailChoices(db, user.id, { [link.kind]: false });
  return { ok: true, kind: link.kind, locale: isLocale(user.locale) ? user.locale : "en" };
}
