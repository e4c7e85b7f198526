import { getLocale, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { ActivityLog } from "@/components/activity/activity-log";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { ConnectionSection, LedgerSection, MembersSection, NotificationsSection, RunsSection, VersionsSection } from "@/components/support/merchant-sections";
import { SupportFailedItems, SupportSyncForm } from "@/components/support/support-actions";
import { activityLog } from "@/lib/audit/activity-log";
import { getDb } from "@/lib/database";
import { isLocale } from "@/lib/i18n/locales";
import { InvalidCursorError } from "@/lib/portal/keyset-cursor";
import { recordSupportView } from "@/lib/support/actions";
import { findBusinessByMerchantId, supportMerchantView } from "@/lib/support/merchant";
import { firstParam } from "../../_server/support-guard";
import { requireSupport } from "../../../_server/session";
import { setLocaleAction } from "@/app/actions/preferences";
import { signOutAction, signOutEverywhereAction } from "@/app/actions/sign-out";

export const dynamic = "force-dynamic";

const RESULTS = ["sync_completed", "sync_background", "sync_queued", "sync_not_active", "sync_rate_limited", "ready", "reason_required", "no_items"] as const;

/**
 * A merchant's page for support, at a stable link: what happened, in plain language with the raw
 * detail one click away, and the two actions support may take. Opening it is audited.
 */
export default async function SupportMerchantPage({ params, searchParams }: { params: Promise<{ merchantId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireSupport();
  const { merchantId } = await params;
  const query = await searchParams;
  const db = getDb();
  const business = await findBusinessByMerchantId(db, decodeURIComponent(merchantId));
  if (!business) notFound();
  await recordSupportView(db, { userId: user.id, isSupport: user.isSupport }, business.id);
  const view = (await supportMerchantView(db, business.id))!;
  const t = await getTranslations("support");
  const requestLocale = await getLocale();
  const locale = isLocale(requestLocale) ? requestLocale : "en";
  const fmt = { locale, timeZone: business.timezone };
  const base = `/admin/businesses/${encodeURIComponent(business.merchantId)}`;

  let cursor = firstParam(query, "audit");
  let audit;
  try {
    audit = await activityLog(db, business.id, { cursor, pageSize: 50 });
  } catch (error) {
    if (!(error instanceof InvalidCursorError)) throw error;
    audit = await activityLog(db, business.id, { pageSize: 50 });
    cursor = undefined;
  }

  const result = firstParam(query, "result");
  const num = (name: string) => Number(firstParam(query, name) ?? 0) || 0;
  const resultText =
    result && (RESULTS as readonly string[]).includes(result)
      ? [
          t(`actions.result.${result as (typeof RESULTS)[number]}`, { documents: num("documents"), failed: num("failed"), seconds: num("seconds"), moved: num("moved") }),
          result === "ready" && firstParam(query, "sync_result") === "sync_completed"
            ? t("actions.result.sync_completed", { documents: num("sync_documents"), failed: num("sync_failed"), seconds: 0, moved: 0 })
            : null,
        ]
          .filter(Boolean)
          .join(" ")
      : null;

  return (
    <main className="mx-auto max-w-6xl space-y-6 p-4 md:p-8">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <a href="/admin" className="text-sm underline">
          {t("merchant.back")}
        </a>
        <div className="flex items-center gap-4">
          <LanguageSwitch setLocale={setLocaleAction} />
          <SignOutButton signOut={signOutAction} signOutEverywhere={signOutEverywhereAction} />
        </div>
      </div>
      <header className="space-y-1" data-testid="support-business">
        <h1 className="text-2xl font-semibold">
          <span className="font-mono">{business.merchantId}</span> · {business.legalName}
        </h1>
        <p className="text-slate-600">{t("merchant.location", { region: business.region, country: business.country, currency: business.currency, timezone: business.timezone })}</p>
        <p className="text-xs text-slate-500">
          {t("merchant.link")}: <a href={base} className="font-mono underline">{base}</a> · {t("merchant.viewedNote")}
        </p>
      </header>
      {resultText && (
        <p role="status" className="rounded border border-blue-200 bg-blue-50 p-3 text-sm" data-testid="support-result-message">
          {resultText}
        </p>
      )}
      <MembersSection view={view} />
      <ConnectionSection view={view} fmt={fmt} />
      {view.connection && (
        <section className="space-y-2" data-testid="support-actions">
          <h2 className="text-lg font-semibold">{t("actions.title")}</h2>
          <div className="space-y-3 rounded-lg bg-white p-4 text-sm shadow-sm">
            <p className="text-slate-600">{t("actions.limits")}</p>
            <SupportSyncForm merchantId={business.merchantId} />
          </div>
        </section>
      )}
      {view.connection && <SupportFailedItems view={view} locale={locale} />}
      {view.connection && <RunsSection view={view} fmt={fmt} />}
      {view.connection && <LedgerSection view={view} fmt={fmt} />}
      {view.connection && <VersionsSection view={view} fmt={fmt} />}
      {view.connection && <NotificationsSection view={view} fmt={fmt} />}
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("merchant.audit")}</h2>
        <ActivityLog
          entries={audit.entries}
          olderHref={audit.next ? `${base}?audit=${audit.next}` : null}
          newestHref={cursor ? base : null}
          locale={locale}
          timeZone={business.timezone}
          testId="support-audit"
        />
      </section>
    </main>
  );
}
