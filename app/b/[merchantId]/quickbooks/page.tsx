import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { HealthCheckNow } from "@/components/quickbooks/health-check-now";
import { HealthList } from "@/components/quickbooks/health-list";
import { IntroPanel } from "@/components/quickbooks/intro-panel";
import { ManagePanel } from "@/components/quickbooks/manage-panel";
import { AccountantLinks } from "@/components/accountant/accountant-links";
import { PausedDepositOffers } from "@/components/accountant/paused-deposit-offers";
import { pausedDepositOffers } from "@/lib/sync/paused-deposits";
import { MappingSummary } from "@/components/quickbooks/mapping-summary";
import { Notice } from "@/components/quickbooks/notice";
import { RefusalNotice } from "@/components/quickbooks/refusal-notice";
import { VersionsTable } from "@/components/quickbooks/versions-table";
import { isInSetup, isLive } from "@/lib/quickbooks/connection/connection-record";
import { connectionOverview } from "@/lib/quickbooks/connection/overview";
import { automaticSyncs } from "@/lib/sync/schedule-mode";
import { mappingHealthForView } from "@/lib/quickbooks/mapping/mapping-health-cache";
import { param, quickbooksContext, refusalNoticeValues } from "./_data/context";
import { ActivitySection } from "./_sync/activity-section";
import { SyncSections } from "./_sync/sync-sections";

const DONE_MESSAGES = new Set(["paused", "resumed", "disconnected", "reauthorized", "mapping_saved", "disconnected_not_revoked"]);
const PAUSED_DEPOSIT_DONE = new Set(["paused_deposit_sent", "paused_deposit_kept_out", "paused_deposit_gone"]);

/**
 * The QuickBooks page: the explanation and Connect when not connected, the wizard while setting up,
 * otherwise the Manage tab (read-only for accountants, the status line only for staff).
 */
export default async function QuickBooksPage({ params, searchParams }: { params: Promise<{ merchantId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { merchantId } = await params;
  const query = await searchParams;
  const ctx = await quickbooksContext(merchantId);
  const t = await getTranslations("quickbooks");
  const ta = await getTranslations("accountant");
  const error = param(query, "error");
  const done = param(query, "done");

  const notices = (
    <>
      {error && <RefusalNotice code={error} values={refusalNoticeValues(ctx, query)} />}
      {done && DONE_MESSAGES.has(done) && <Notice tone="success" title={t(`done.${done}`)} testId="qbo-done" />}
      {done && PAUSED_DEPOSIT_DONE.has(done) && <Notice tone="success" title={ta(`pausedDeposits.done.${done}`)} testId="qbo-done" />}
    </>
  );
  let connection = ctx.connection;
  const activity = <ActivitySection ctx={ctx} cursor={param(query, "activity")} />;

  if (!isLive(connection)) {
    // A disconnected business keeps its history: who mapped what, and from when.
    const history = connection?.status === "disconnected" && ctx.canViewDetails ? (await connectionOverview(ctx.db, ctx.business.id, automaticSyncs())).versions : [];
    return (
      <section className="space-y-4">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        {notices}
        <p data-testid="qbo-status-line">{t("statusLine", { status: t(`status.${connection?.status ?? "not_connected"}`) })}</p>
        {connection?.status === "disconnected" && <p className="text-sm text-slate-600">{t("intro.reconnect")}</p>}
        <IntroPanel merchantId={ctx.business.merchantId} canConnect={ctx.canManage} processorName={ctx.processorName} />
        {history.length > 0 && (
          <div className="space-y-2">
            <h2 className="text-lg font-semibold">{t("versions.title")}</h2>
            <VersionsTable versions={history} locale={ctx.locale} timeZone={ctx.business.timezone} />
          </div>
        )}
        {activity}
      </section>
    );
  }

  if (isInSetup(connection)) {
    if (ctx.canManage && !error) redirect(`${ctx.base}/setup`);
    return (
      <section className="space-y-4">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        {notices}
        <p data-testid="qbo-status-line">{t("statusLine", { status: t("status.setup") })}</p>
        {ctx.canManage && (
          <a href={`${ctx.base}/setup`} className="underline">
            {t("setup.continue")}
          </a>
        )}
        {activity}
      </section>
    );
  }

  if (!ctx.canViewDetails) {
    return (
      <section className="space-y-4">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p data-testid="qbo-status-line">{t("statusLine", { status: t(`status.${connection!.status}`) })}</p>
      </section>
    );
  }

  // The last check's result (QuickBooks is asked again at most once a minute, or on "Check now").
  const health = await mappingHealthForView(ctx.db, connection!);
  const overview = await connectionOverview(ctx.db, ctx.business.id, automaticSyncs());
  connection = overview.connection!;
  const current = overview.versions[0];
  return (
    <section className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      {notices}
      {connection.status === "needs_reauthorization" && (
        <Notice tone="warning" title={t("manage.needsReauthorizationTitle")} testId="qbo-needs-reauthorization">
          {ctx.canManage ? t("manage.needsReauthorization") : t("manage.needsReauthorizationAskOwner")}
        </Notice>
      )}
      <ManagePanel merchantId={ctx.business.merchantId} overview={{ ...overview, connection }} canManage={ctx.canManage} locale={ctx.locale} timeZone={ctx.business.timezone} />
      <p className="explain text-sm text-slate-700" data-testid="explain-manage">{ta("explain.manage")}</p>
      <AccountantLinks base={ctx.base} />
      {ctx.canManage && connection.status === "active" && (
        <PausedDepositOffers
          offers={await pausedDepositOffers(ctx.db, ctx.business.id, connection.id)}
          merchantId={ctx.business.merchantId}
          currency={ctx.business.currency}
          locale={ctx.locale}
        />
      )}
      {health && (
        <div className="space-y-2">
          <h2 className="text-lg font-semibold">{t("health.title")}</h2>
          <HealthList health={health.result} canEdit={ctx.canManage} />
          <HealthCheckNow merchantId={ctx.business.merchantId} checkedAt={health.checkedAt} locale={ctx.locale} timeZone={ctx.business.timezone} />
        </div>
      )}
      <p className="explain text-sm text-slate-700">{ta("explain.sync")}</p>
      <SyncSections ctx={ctx} connection={connection} />
      {current && (
        <div className="space-y-2">
          <h2 className="text-lg font-semibold">{t("manage.currentMapping")}</h2>
          <p className="explain text-sm text-slate-700">{ta("explain.mapping")}</p>
          <MappingSummary
            names={{ bank: current.bankAccountName, revenue: current.revenueAccountName, expense: current.expenseAccountName, customer: current.customerName, taxCode: current.taxCodeName }}
          />
        </div>
      )}
      <div className="space-y-2">
        <h2 className="text-lg font-semibold">{t("versions.title")}</h2>
        <p className="explain text-sm text-slate-700">{ta("explain.versions")}</p>
        <VersionsTable versions={overview.versions} locale={ctx.locale} timeZone={ctx.business.timezone} />
      </div>
      {activity}
    </section>
  );
}
