import { getTranslations } from "next-intl/server";
import { ActivityLog } from "@/components/activity/activity-log";
import { activityLog } from "@/lib/audit/activity-log";
import { InvalidCursorError } from "@/lib/portal/keyset-cursor";
import type { QuickbooksContext } from "../_data/context";

/** The QuickBooks page's Activity section (owners and accountants): the audit trail, a page at a time. */
export async function ActivitySection({ ctx, cursor }: { ctx: QuickbooksContext; cursor: string | undefined }) {
  if (!ctx.canViewDetails) return null;
  const t = await getTranslations("activity");
  let page;
  try {
    page = await activityLog(ctx.db, ctx.business.id, { cursor });
  } catch (error) {
    if (!(error instanceof InvalidCursorError)) throw error;
    page = await activityLog(ctx.db, ctx.business.id);
    cursor = undefined;
  }
  return (
    <section className="space-y-2" id="activity" aria-labelledby="activity-title">
      <h2 id="activity-title" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <p className="text-sm text-slate-600">{t("subtitle")}</p>
      <ActivityLog
        entries={page.entries}
        olderHref={page.next ? `${ctx.base}?activity=${page.next}#activity` : null}
        newestHref={cursor ? `${ctx.base}#activity` : null}
        locale={ctx.locale}
        timeZone={ctx.business.timezone}
      />
    </section>
  );
}
