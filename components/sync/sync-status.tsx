import { useTranslations } from "next-intl";
import type { RunRow } from "@/lib/sync/run-history";
import { formatBusinessDateLong, formatDateTime } from "@/components/quickbooks/format";
import { SyncNowButton, type SyncNowAction } from "./sync-now-button";

interface SyncStatusProps {
  merchantId: string;
  syncNow: SyncNowAction;
  /** The latest finished run, when it was stopped or failed: what the owner must know first. */
  problemRun: RunRow | null;
  /** The refresh token's hard expiry, when it is within 30 days. */
  tokenExpiresAt: Date | null;
  canSync: boolean;
  canManage: boolean;
  locale: string;
  timeZone: string;
}

/** The sync block's head: a stopped or failed last run, an ending authorization, and Sync now. */
export function SyncStatus({ merchantId, syncNow, problemRun, tokenExpiresAt, canSync, canManage, locale, timeZone }: SyncStatusProps) {
  const t = useTranslations("sync.status");
  return (
    <div className="space-y-3">
      {problemRun && (
        <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-red-900" data-testid="sync-problem">
          <p className="font-semibold">{problemRun.status === "stopped" ? t("stoppedTitle") : t("failedTitle")}</p>
          <p className="mt-1 text-sm">
            {problemRun.status === "stopped" ? (problemRun.stopReason === "mapping" ? t("stoppedMapping") : t("stoppedOther")) : t("failedBody")}
          </p>
          {problemRun.message && (
            // The engine's own words (English, for support); the sentence above is the translated one.
            <details className="mt-2 text-sm text-red-800">
              <summary className="cursor-pointer">{t("details")}</summary>
              <p data-testid="sync-problem-message">{problemRun.message}</p>
            </details>
          )}
          <p className="mt-1 text-xs text-red-700">{t("when", { when: formatDateTime(problemRun.startedAt, locale, timeZone) })}</p>
        </div>
      )}
      {tokenExpiresAt && (
        <div role="status" className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-amber-900" data-testid="sync-token-expiring">
          <p className="font-semibold">{t("tokenExpiringTitle", { date: formatBusinessDateLong(tokenExpiresAt.toISOString().slice(0, 10), locale) })}</p>
          <p className="mt-1 text-sm">{canManage ? t("tokenExpiring") : t("tokenExpiringAskOwner")}</p>
        </div>
      )}
      {canSync && <SyncNowButton merchantId={merchantId} syncNow={syncNow} />}
    </div>
  );
}
