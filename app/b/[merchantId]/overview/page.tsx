import { getLocale, getTranslations } from "next-intl/server";
import { ActivityChart } from "@/components/dashboard/activity-chart";
import { LatestDepositsTable } from "@/components/dashboard/latest-deposits-table";
import { QuickBooksStatusCard } from "@/components/dashboard/quickbooks-status-card";
import { Amount } from "@/components/portal/amount";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/database";
import { businessToday, systemClock } from "@/lib/quickbooks/connection/business-day";
import { dailyActivity, latestDeposits, quickBooksStatus } from "@/lib/portal/overview";
import { formatBusinessDate, portalLocale } from "@/lib/portal/display-format";
import { automaticSyncs } from "@/lib/sync/schedule-mode";
import { requireBusiness } from "../../../_server/session";
import { closingPeriod } from "@/lib/i18n/closing-period";

/** The business's dashboard: 30 days of activity, QuickBooks at a glance, the latest deposits. */
export default async function OverviewPage({ params }: { params: Promise<{ merchantId: string }> }) {
  const { merchantId } = await params;
  const { business, role } = await requireBusiness(merchantId);
  const db = getDb();
  const t = await getTranslations();
  const tc = await getTranslations("dashboard.chart");
  const locale = portalLocale(await getLocale());
  const today = businessToday(systemClock, business.timezone);
  const [days, deposits, status] = await Promise.all([
    dailyActivity(db, business.id, { today }),
    latestDeposits(db, business.id),
    quickBooksStatus(db, business.id, { timeZone: business.timezone, syncs: automaticSyncs(), clock: systemClock }),
  ]);
  const totals = days.reduce(
    (sum, d) => ({
      sales: sum.sales + d.salesMinor,
      refunds: sum.refunds + d.refundsAndChargebacksMinor,
      fees: sum.fees + d.feesMinor,
      deposits: sum.deposits + d.depositsMinor,
    }),
    { sales: 0, refunds: 0, fees: 0, deposits: 0 },
  );
  const labels = { sales: tc("sales"), refundsAndChargebacks: tc("refundsAndChargebacks"), fees: tc("fees"), deposits: tc("deposits") };
  const base = `/b/${encodeURIComponent(business.merchantId)}`;
  const facts: [string, string][] = [
    [t("portal.overview.merchantId"), business.merchantId],
    [t("portal.overview.location"), `${business.region}, ${business.country}`],
    [t("portal.overview.currency"), business.currency],
    [t("portal.overview.timezone"), business.timezone],
    [t("portal.overview.yourRole"), t(`common.roles.${role}`)],
  ];
  return (
    <section className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("portal.overview.title")}</h1>
        <p className="mt-2 text-slate-600">{t("portal.overview.welcome", { business: business.legalName, period: closingPeriod(business.legalName) })}</p>
      </div>
      <div className="rounded-lg bg-white p-4 shadow-sm sm:p-6">
        <h2 className="text-lg font-semibold">{tc("title")}</h2>
        <p className="mt-1 text-sm text-slate-600">
          {tc("description", { from: formatBusinessDate(days[0].date, locale), to: formatBusinessDate(today, locale), currency: business.currency })}
        </p>
        <dl className="mt-4 grid grid-cols-2 gap-3 text-sm lg:grid-cols-4" aria-label={tc("totals")} data-testid="overview-totals">
          {(
            [
              ["sales", labels.sales, totals.sales],
              ["refunds", labels.refundsAndChargebacks, totals.refunds],
              ["fees", labels.fees, totals.fees],
              ["deposits", labels.deposits, totals.deposits],
            ] as const
          ).map(([key, label, minor]) => (
            <div key={key} className="rounded border border-slate-200 p-3">
              <dt className="text-slate-500">{label}</dt>
              <dd className="mt-1 text-base" data-testid={`overview-total-${key}`}>
                <Amount minor={minor} currency={business.currency} locale={locale} strong />
              </dd>
            </div>
          ))}
        </dl>
        <div className="mt-4 min-w-0" data-testid="overview-chart">
          <ActivityChart days={days} currency={business.currency} locale={locale} labels={labels} />
        </div>
      </div>
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-[minmax(0,1fr)_minmax(0,1.4fr)]">
        <QuickBooksStatusCard
          status={status}
          href={`${base}/quickbooks`}
          canViewDetails={can(role, "quickbooks.viewDetails")}
          locale={locale}
          timeZone={business.timezone}
        />
        <LatestDepositsTable merchantId={business.merchantId} deposits={deposits} showQuickBooks={status !== null && status.status !== "not_connected"} locale={locale} />
      </div>
      <dl className="grid max-w-xl grid-cols-2 gap-x-6 gap-y-2 rounded-lg bg-white p-6 shadow-sm">
        {facts.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-sm text-slate-500">{label}</dt>
            <dd className="break-words text-sm">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
