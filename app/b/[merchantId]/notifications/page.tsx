import { getLocale, getTranslations } from "next-intl/server";
import { NotificationList } from "@/components/notify/notification-list";
import { getDb } from "@/lib/database";
import { isLocale } from "@/lib/i18n/locales";
import { listInbox } from "@/lib/notify/inbox";
import { describeNotification, notifyTranslator } from "@/lib/notify/texts";
import { requireBusiness } from "../../../_server/session";
import { markAllReadAction } from "./actions";

export const dynamic = "force-dynamic";

/** The reader's notifications for this business, newest first, unread ones marked. */
export default async function NotificationsPage({ params }: { params: Promise<{ merchantId: string }> }) {
  const { merchantId } = await params;
  const { business, user } = await requireBusiness(merchantId);
  const t = await getTranslations("notify.page");
  const requested = await getLocale();
  const locale = isLocale(requested) ? requested : "en";
  const translator = await notifyTranslator(locale);
  const inbox = await listInbox(getDb(), business.id, user.id);
  const base = `/b/${encodeURIComponent(business.merchantId)}/notifications`;
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: business.timezone });
  const entries = inbox.map((n) => ({
    id: n.id,
    kind: n.kind,
    ...describeNotification(translator, n, { locale, timeZone: business.timezone }),
    openHref: `${base}/${n.id}/open`,
    receivedAt: t("receivedAt", { date: dateFormat.format(n.createdAt) }),
    unread: n.readAt === null,
    resolved: n.resolvedAt !== null,
  }));
  return (
    <section className="max-w-3xl space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        {entries.some((e) => e.unread) && (
          <form action={markAllReadAction}>
            <input type="hidden" name="merchantId" value={business.merchantId} />
            <button type="submit" className="rounded border border-slate-300 px-3 py-2 text-sm hover:bg-slate-100" data-testid="notifications-mark-all-read">
              {t("markAllRead")}
            </button>
          </form>
        )}
      </div>
      <p className="text-sm text-slate-600">{t("intro")}</p>
      {entries.length === 0 ? (
        <p className="rounded-lg bg-white p-6 text-sm text-slate-600 shadow-sm" data-testid="notifications-empty">
          {t("empty")}
        </p>
      ) : (
        <NotificationList entries={entries} labels={{ unread: t("unread"), read: t("read"), resolved: t("resolved") }} />
      )}
    </section>
  );
}
