import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/locales";
import type { DepositFee } from "@/lib/portal/deposits";
import { formatBusinessDate } from "@/lib/portal/display-format";
import { Amount } from "./amount";
import { tableClasses as c } from "./table-styles";

/** One page of the fees a deposit deducted, shown negative like the money they take, with the total of all of them (`total`). */
export async function DepositFeesTable({ fees, total, currency, locale }: { fees: DepositFee[]; total: number; currency: "CAD" | "USD"; locale: Locale }) {
  const t = await getTranslations("deposits.detail");
  const tTable = await getTranslations("transactions.table");
  return (
    <div className={c.wrapper}>
      <table className={c.table}>
        <caption className={c.caption}>{t("feesCaption")}</caption>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className={c.headerCell}>{tTable("date")}</th>
            <th scope="col" className={c.headerCell}>{t("fee")}</th>
            <th scope="col" className={c.headerCell}>{t("forTransaction")}</th>
            <th scope="col" className={c.headerCellNumeric}>{tTable("amount")}</th>
          </tr>
        </thead>
        <tbody>
          {fees.map((fee) => (
            <tr key={fee.id} className={c.row}>
              <td className={c.cell}>{formatBusinessDate(fee.businessDate, locale)}</td>
              <td className={c.cell}>{t(`feeKinds.${fee.kind}`)}</td>
              <td className={`${c.cell} font-mono text-xs`}>{fee.transactionProcessorId ?? t("noTransaction")}</td>
              <td className={c.cellNumeric}>
                <Amount minor={-fee.amountMinor} currency={currency} locale={locale} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className={c.footerRow}>
            <th scope="row" colSpan={3} className={`${c.cell} text-left`}>{t("feesTotal")}</th>
            <td className={c.cellNumeric} data-testid="deposit-fees-total">
              <Amount minor={-total} currency={currency} locale={locale} strong />
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
