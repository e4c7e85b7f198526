import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Amount } from "@/components/portal/amount";
import { tableClasses as c } from "@/components/portal/table-styles";
import type { Locale } from "@/lib/i18n/locales";
import { formatBusinessDate } from "@/lib/portal/display-format";
import type { OverviewDeposit } from "@/lib/portal/overview";

/** The latest deposits on the overview: amount paid, whether each is in QuickBooks, and whether it ties out. */
export async function LatestDepositsTable({ merchantId, deposits, showQuickBooks, locale }: { merchantId: string; deposits: OverviewDeposit[]; showQuickBooks: boolean; locale: Locale }) {
  const t = await getTranslations("dashboard.deposits");
  const base = `/b/${encodeURIComponent(merchantId)}/deposits`;
  return (
    <div className="min-w-0 space-y-2">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-lg font-semibold">{t("title")}</h2>
        <Link href={base} className="text-sm text-blue-700 underline">
          {t("all")}
        </Link>
      </div>
      {deposits.length === 0 ? (
        <p className="text-sm text-slate-600">{t("none")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
          <table className={c.table} data-testid="overview-deposits">
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className={c.headerCell}>{t("date")}</th>
                <th scope="col" className={c.headerCell}>{t("reference")}</th>
                <th scope="col" className={c.headerCellNumeric}>{t("amount")}</th>
                {showQuickBooks && <th scope="col" className={c.headerCell}>{t("inQuickBooks")}</th>}
                {showQuickBooks && <th scope="col" className={c.headerCell}>{t("tiedOut")}</th>}
              </tr>
            </thead>
            <tbody>
              {deposits.map((d) => (
                <tr key={d.id} className={c.row} data-testid="overview-deposit" data-processor-id={d.processorId}>
                  <td className={c.cell}>
                    <Link href={`${base}/${d.id}`} className="text-blue-700 underline">
                      {formatBusinessDate(d.depositDate, locale)}
                    </Link>
                  </td>
                  <td className={`${c.cell} font-mono text-xs`}>{d.processorId}</td>
                  <td className={c.cellNumeric}>
                    <Amount minor={d.amountMinor} currency={d.currency} locale={locale} />
                  </td>
                  {showQuickBooks && (
                    <td className={c.cell} data-testid="overview-deposit-in-qbo">
                      {d.inQuickBooks ? t("yes") : t("no")}
                    </td>
                  )}
                  {showQuickBooks && (
                    <td className={c.cell} data-testid="overview-deposit-tied-out">
                      {d.tiedOut === null ? t("notApplicable") : d.tiedOut ? <span className="text-green-800">{t("tiesOut")}</span> : <span className="font-semibold text-red-800">{t("difference")}</span>}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
