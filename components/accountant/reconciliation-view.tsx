import { getTranslations } from "next-intl/server";
import { Amount } from "@/components/portal/amount";
import { tableClasses } from "@/components/portal/table-styles";
import type { Locale } from "@/lib/i18n/locales";
import { differencesOutsidePausedDeposits } from "@/lib/reconcile/csv";
import type { DifferenceRow, MonthReconciliation } from "@/lib/reconcile/reconcile";

/** The month's statement beside QuickBooks, its differences with their causes, and paused deposits. */
export async function ReconciliationView({ report, currency, locale }: { report: MonthReconciliation; currency: "CAD" | "USD"; locale: Locale }) {
  const t = await getTranslations("reconcile");
  const money = (minor: number) => <Amount minor={minor} currency={currency} locale={locale} />;
  const cause = (d: DifferenceRow) => t(`causes.${d.cause}`, { count: d.item });
  const differences = differencesOutsidePausedDeposits(report);
  return (
    <div className="space-y-6" data-testid="reconciliation">
      {report.unexplained.length === 0 ? (
        <p className="rounded border border-green-300 bg-green-50 p-3 font-medium text-green-900" data-testid="reconcile-verdict" data-unexplained="0">
          {t("nothingUnexplained")}
        </p>
      ) : (
        <p className="rounded border border-red-300 bg-red-50 p-3 font-medium text-red-900" data-testid="reconcile-verdict" data-unexplained={report.unexplained.length}>
          {t("unexplainedCount", { count: report.unexplained.length })}
        </p>
      )}
      <div className={tableClasses.wrapper}>
        <table className={tableClasses.table} data-testid="reconcile-totals">
          <caption className={tableClasses.caption}>{t("statement")}</caption>
          <thead>
            <tr>
              <th className={tableClasses.headerCell}>{t("item")}</th>
              <th className={tableClasses.headerCellNumeric}>{t("processor")}</th>
              <th className={tableClasses.headerCellNumeric}>{t("quickbooks")}</th>
              <th className={tableClasses.headerCellNumeric}>{t("difference")}</th>
            </tr>
          </thead>
          <tbody>
            {report.totals.map((row) => (
              <tr key={row.key} className={row.key === "net" ? tableClasses.footerRow : tableClasses.row} data-total={row.key}>
                <td className={tableClasses.cell}>{t(`totals.${row.key}`)}</td>
                <td className={tableClasses.cellNumeric}>{money(row.processorMinor)}</td>
                <td className={tableClasses.cellNumeric}>{money(row.quickbooksMinor)}</td>
                <td className={tableClasses.cellNumeric}>{money(row.differenceMinor)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="space-y-2">
        <h2 className="text-lg font-semibold">{t("differences")}</h2>
        {differences.length === 0 ? (
          <p data-testid="reconcile-no-differences">{t("noDifferences")}</p>
        ) : (
          <div className={tableClasses.wrapper}>
            <table className={tableClasses.table} data-testid="reconcile-differences">
              <thead>
                <tr>
                  <th className={tableClasses.headerCell}>{t("item")}</th>
                  <th className={tableClasses.headerCell}>{t("date")}</th>
                  <th className={tableClasses.headerCellNumeric}>{t("processor")}</th>
                  <th className={tableClasses.headerCellNumeric}>{t("quickbooks")}</th>
                  <th className={tableClasses.headerCellNumeric}>{t("difference")}</th>
                  <th className={tableClasses.headerCell}>{t("cause")}</th>
                </tr>
              </thead>
              <tbody>
                {differences.map((d) => (
                  <tr key={`${d.total}:${d.item}`} className={tableClasses.row} data-testid="reconcile-difference" data-cause={d.cause} data-item={d.item} data-total={d.total}>
                    <td className="px-4 py-2 break-all">{d.cause === "tax_from_rate" ? t(`totals.${d.total}`) : d.item}</td>
                    <td className={tableClasses.cell}>{d.date ?? ""}</td>
                    <td className={tableClasses.cellNumeric}>{money(d.processorMinor)}</td>
                    <td className={tableClasses.cellNumeric}>{money(d.quickbooksMinor)}</td>
                    <td className={tableClasses.cellNumeric} data-testid="reconcile-difference-amount" data-minor={d.differenceMinor}>
                      {money(d.differenceMinor)}
                    </td>
                    <td className="px-4 py-2">{cause(d)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      {report.pausedDeposits.length > 0 && (
        <div className="space-y-2" data-testid="reconcile-paused-deposits">
          <h2 className="text-lg font-semibold">{t("pausedDeposits")}</h2>
          <p className="text-sm text-slate-600">{t("pausedDepositsExplain")}</p>
          <div className={tableClasses.wrapper}>
            <table className={tableClasses.table}>
              <thead>
                <tr>
                  <th className={tableClasses.headerCell}>{t("item")}</th>
                  <th className={tableClasses.headerCell}>{t("date")}</th>
                  <th className={tableClasses.headerCellNumeric}>{t("processor")}</th>
                  <th className={tableClasses.headerCellNumeric}>{t("leftInUndepositedFunds")}</th>
                  <th className={tableClasses.headerCell}>{t("canBeSent")}</th>
                </tr>
              </thead>
              <tbody>
                {report.pausedDeposits.map((p) => (
                  <tr key={p.processorId} className={tableClasses.row} data-testid="reconcile-paused-deposit">
                    <td className="px-4 py-2 break-all">{p.processorId}</td>
                    <td className={tableClasses.cell}>{p.depositDate}</td>
                    <td className={tableClasses.cellNumeric}>{money(p.amountMinor)}</td>
                    <td className={tableClasses.cellNumeric}>{money(p.leftInUndepositedFundsMinor)}</td>
                    <td className={tableClasses.cell}>{p.canBeSent ? t("yes") : t("no")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
      {report.unexplained.length > 0 && (
        <ul className="list-disc pl-6 text-sm text-red-900" data-testid="reconcile-unexplained">
          {report.unexplained.map((u) => (
            <li key={u.total}>
              {t("unexplained")} · {t(`totals.${u.total}`)}: {money(u.differenceMinor)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
