import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/locales";
import type { DepositRow } from "@/lib/portal/deposits";
import { formatBusinessDate, maskedNumber } from "@/lib/portal/display-format";
import { Amount } from "./amount";
import { tableClasses as c } from "./table-styles";

/**
 * Settlement deposits with their breakdown. Deductions are shown negative so each row reads as a
 * sum: gross sales − refunds − chargebacks + reversals − fees = net deposit.
 */
export async function DepositsTable({ merchantId, businessName, rows, locale }: { merchantId: string; businessName: string; rows: DepositRow[]; locale: Locale }) {
  const t = await getTranslations("deposits.table");
  const money = (minor: number, currency: "CAD" | "USD", strong = false) => <Amount minor={minor} currency={currency} locale={locale} strong={strong} />;
  return (
    <div className={c.wrapper}>
      <table className={c.table}>
        <caption className="sr-only">{t("caption", { business: businessName })}</caption>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className={c.headerCell}>{t("date")}</th>
            <th scope="col" className={c.headerCell}>{t("reference")}</th>
            <th scope="col" className={c.headerCell}>{t("bankAccount")}</th>
            <th scope="col" className={c.headerCellNumeric}>{t("sales")}</th>
            <th scope="col" className={c.headerCellNumeric}>{t("refunds")}</th>
            <th scope="col" className={c.headerCellNumeric}>{t("chargebacks")}</th>
            <th scope="col" className={c.headerCellNumeric}>{t("reversals")}</th>
            <th scope="col" className={c.headerCellNumeric}>{t("fees")}</th>
            <th scope="col" className={c.headerCellNumeric}>{t("net")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const date = formatBusinessDate(row.depositDate, locale);
            return (
              <tr key={row.id} className={c.row} data-testid="deposit-row">
                <th scope="row" className={`${c.cell} text-left font-normal`}>
                  <Link href={`/b/${encodeURIComponent(merchantId)}/deposits/${row.id}`} className="text-blue-700 underline" aria-label={t("depositLink", { date })}>
                    {date}
                  </Link>
                </th>
                <td className={`${c.cell} font-mono text-xs`}>{row.processorId}</td>
                <td className={c.cell}>
                  <span aria-label={t("bankEnding", { last4: row.bankLast4 })}>{maskedNumber(row.bankLast4)}</span>
                </td>
                <td className={c.cellNumeric}>{money(row.salesMinor, row.currency)}</td>
                <td className={c.cellNumeric}>{money(-row.refundsMinor, row.currency)}</td>
                <td className={c.cellNumeric}>{money(-row.chargebacksMinor, row.currency)}</td>
                <td className={c.cellNumeric}>{money(row.reversalsMinor, row.currency)}</td>
                <td className={c.cellNumeric}>{money(-row.feesMinor, row.currency)}</td>
                <td className={c.cellNumeric}>{money(row.netMinor, row.currency, true)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
