import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { HealthList, type HealthResult } from "@/components/quickbooks/health-list";
import { IntroPanel } from "@/components/quickbooks/intro-panel";
import { ManagePanel } from "@/components/quickbooks/manage-panel";
import { MappingSummary } from "@/components/quickbooks/mapping-summary";
import { Notice } from "@/components/quickbooks/notice";
import { RefusalNotice } from "@/components/quickbooks/refusal-notice";
import { VersionsTable } from "@/components/quickbooks/versions-table";
import { withConnectionApi } from "@/lib/quickbooks/connection/connection-api";
import { isInSetup, isLive, type Connection } from "@/lib/quickbooks/connection/connection-record";
import { connectionOverview } from "@/lib/quickbooks/connection/overview";
import { ConnectionRefusedError } from "@/lib/quickbooks/connection/refusal";
import { checkMappingHealth } from "@/lib/quickbooks/mapping/mapping-health";
import { mappingFor } from "@/lib/quickbooks/mapping/mapping-versions";
import { param, quickbooksContext, refusalNoticeValues, type QuickbooksContext } from "./_data/context";
import { SyncSections } from "./_sync/sync-sections";

const DONE_MESSAGES = new Set(["paused", "resumed", "disconnected", "reauthorized", "mapping_saved"]);

/** Checks the mapped references in QuickBooks when the tab opens; a refused token turns the connection to "needs reauthorization". */
async function mappingHealth(ctx: QuickbooksContext, connection: Connection): Promise<HealthResult | null> {
  const mapping = await mappingFor(ctx.db, connection.id);
  if (!mapping || connection.status === "needs_reauthorization") return null;
  try {
    const broken = await withConnectionApi(ctx.db, connection, (api) => checkMappingHealth(api, mapping));
    return broken.length ? { state: "broken", broken } : { state: "ok" };
  } catch (error) {
    if (error instanceof ConnectionRefusedError) return error.code === "needs_reauthorization" ? null : { state: "unavailable" };
    throw error;
  }
}

/**
 * The QuickBooks page: the explanation and Connect when not connected, the wizard while setting up,
 * otherwise the Manage tab (read-only for accountants, the status line only for staff).
 */
export default async function QuickBooksPage({ params, searchParams }: { params: Promise<{ merchantId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { merchantId } = await params;
  const query = await searchParams;
  const ctx = await quickbooksContext(merchantId);
  const t = await getTranslations("quickbooks");
  const error = param(query, "error");
  const done = param(query, "done");

  const notices = (
    <>
      {error && <RefusalNotice code={error} values={refusalNoticeValues(ctx, query)} />}
      {done && DONE_MESSAGES.has(done) && <Notice tone="success" title={t(`done.${done}`)} testId="qbo-done" />}
    </>
  );
  let connection = ctx.connection;

  if (!isLive(connection)) {
    // A disconnected business keeps its history: who mapped what, and from when.
    const history = connection?.status === "disconnected" && ctx.canViewDetails ? (await connectionOverview(ctx.db, ctx.business.id)).versions : [];
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

  const health = await mappingHealth(ctx, connection!);
  const overview = await connectionOverview(ctx.db, ctx.business.id);
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
      {health && (
        <div className="space-y-2">
          <h2 className="text-lg font-semibold">{t("health.title")}</h2>
          <HealthList health={health} canEdit={ctx.canManage} />
        </div>
      )}
      <SyncSections ctx={ctx} connection={connection} />
      {current && (
        <div className="space-y-2">
          <h2 className="text-lg font-semibold">{t("manage.currentMapping")}</h2>
          <MappingSummary
            names={{ bank: current.bankAccountName, revenue: current.revenueAccountName, expense: current.expenseAccountName, customer: current.customerName, taxCode: current.taxCodeName }}
          />
        </div>
      )}
      <div className="space-y-2">
        <h2 className="text-lg font-semibold">{t("versions.title")}</h2>
        <VersionsTable versions={overview.versions} locale={ctx.locale} timeZone={ctx.business.timezone} />
      </div>
    </section>
  );
}
