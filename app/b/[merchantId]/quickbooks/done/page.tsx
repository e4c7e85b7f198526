import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { formatDateTime } from "@/components/quickbooks/format";
import { Notice } from "@/components/quickbooks/notice";
import { systemClock } from "@/lib/quickbooks/connection/business-day";
import { isLive } from "@/lib/quickbooks/connection/connection-record";
import { nextScheduledSync } from "@/lib/quickbooks/connection/sync-schedule";
import { automaticSyncs } from "@/lib/sync/schedule-mode";
import { quickbooksContext } from "../_data/context";

/** The wizard's last page: when the first data appears and when the next sync runs. */
export default async function DonePage({ params }: { params: Promise<{ merchantId: string }> }) {
  const { merchantId } = await params;
  const ctx = await quickbooksContext(merchantId);
  const connection = ctx.connection;
  if (!connection || !isLive(connection) || !connection.setupCompletedAt) redirect(ctx.base);
  const t = await getTranslations("quickbooks.finished");
  const tSchedule = await getTranslations("schedule");
  const nextAt = nextScheduledSync(systemClock, ctx.business.timezone, automaticSyncs());
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <Notice tone="success" title={t("connected", { company: connection.companyName ?? "" })} testId="qbo-setup-done">
        <p>{t("firstData")}</p>
        <p data-testid="qbo-next-sync">
          {nextAt ? t("nextSync", { when: formatDateTime(nextAt, ctx.locale, ctx.business.timezone) }) : tSchedule("offExplained")}
        </p>
        <p>{t("fromDay")}</p>
      </Notice>
      <Link href={ctx.base} className="inline-block rounded bg-green-700 px-4 py-2 font-medium text-white hover:bg-green-800">
        {t("toManage")}
      </Link>
    </section>
  );
}
