import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/locales";
import type { DepositBreakdown } from "@/lib/portal/deposit-totals";
import { Amount } from "./amount";
import { tableClasses as c } from "./table-styles";

/** The deposit as a sum of its items, computed from the items listed below it. */
export async function DepositBreakdownTable({ totals, currency, locale }: { totals: DepositBreakdown; currency: "CAD" | "USD"; locale: Locale }) {
  const t = await getTranslations("deposits");
  const lines: [string, number][] = [
    [t("table.sales"), totals.salesMinor],
    [t("table.refunds"), -totals.refundsMinor],
    [t("table.chargebacks"), -totals.chargebacksMinor],
    [t("table.reversals"), totals.reversalsMinor],
    [t("table.fees"), -totals.feesMinor],
  ];
  return (
    <div className={`${c.wrapper} max-w-md`}>
      <table className={c.table} data-testid="deposit-breakdown">
        <caption className={c.caption}>{t("detail.breakdownCaption")}</caption>
        <tbody>
          {lines.map(([label, minor]) => (
            <tr key={label} className={c.row}>
              <th scope="row" className={`${c.cell} text-left font-normal`}>{label}</th>
              <td className={c.cellNumeric}>
                <Amount minor={minor} currency={currency} locale={locale} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className={c.footerRow}>
            <th scope="row" className={`${c.cell} text-left`}>{t("table.net")}</th>
            <td className={c.cellNumeric} data-testid="deposit-breakdown-net">
              <Amount minor={totals.netMinor} currency={currency} locale={locale} strong />
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
