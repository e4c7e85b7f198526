import { useTranslations } from "next-intl";
import { formatDateTime } from "@/components/quickbooks/format";
import type { RunRow } from "@/lib/sync/run-history";

/** The latest sync runs: when, started by what, documents created, items failed, duration. */
export function RunsTable({ runs, locale, timeZone }: { runs: RunRow[]; locale: string; timeZone: string }) {
  const t = useTranslations("sync.runs");
  return (
    <div className="space-y-2" data-testid="sync-runs">
      <h2 className="text-lg font-semibold">{t("title")}</h2>
      {runs.length === 0 ? (
        <p className="text-sm text-slate-600">{t("empty")}</p>
      ) : (
        <table className="w-full max-w-4xl rounded-lg bg-white text-left text-sm shadow-sm">
          <thead className="text-slate-500">
            <tr>
              <th className="p-2">{t("when")}</th>
              <th className="p-2">{t("trigger")}</th>
              <th className="p-2">{t("status")}</th>
              <th className="p-2 text-right">{t("documents")}</th>
              <th className="p-2 text-right">{t("failed")}</th>
              <th className="p-2 text-right">{t("duration")}</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.id} className="border-t border-slate-100" data-testid="sync-run">
                <td className="p-2">{formatDateTime(run.startedAt, locale, timeZone)}</td>
                <td className="p-2">{t.has(`triggers.${run.trigger}`) ? t(`triggers.${run.trigger}`) : run.trigger}</td>
                <td className="p-2" data-testid="sync-run-status">
                  {t(`statuses.${run.status}`)}
                </td>
                <td className="p-2 text-right">{run.documentsCreated}</td>
                <td className="p-2 text-right">{run.itemsFailed}</td>
                <td className="p-2 text-right">{run.durationMs === null ? "—" : t("seconds", { seconds: (run.durationMs / 1000).toFixed(1) })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
