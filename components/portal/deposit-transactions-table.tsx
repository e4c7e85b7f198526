import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/locales";
import type { DepositTransaction } from "@/lib/portal/deposits";
import { formatBusinessDate, formatTimeOfDay, maskedNumber } from "@/lib/portal/display-format";
import { signedAmountMinor } from "@/lib/portal/transaction-kinds";
import { Amount } from "./amount";
import { tableClasses as c } from "./table-styles";

/** The card transactions a deposit settled, with their signed total. */
export async function DepositTransactionsTable({
  transactions,
  currency,
  timeZone,
  locale,
}: {
  transactions: DepositTransaction[];
  currency: "CAD" | "USD";
  timeZone: string;
  locale: Locale;
}) {
  const t = await getTranslations("transactions");
  const tDeposit = await getTranslations("deposits.detail");
  const total = transactions.reduce((sum, row) => sum + signedAmountMinor(row.kind, row.amountMinor), 0);
  return (
    <div className={c.wrapper}>
      <table className={c.table}>
        <caption className={c.caption}>{tDeposit("transactionsCaption")}</caption>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className={c.headerCell}>{t("table.date")}</th>
            <th scope="col" className={c.headerCell}>{t("table.time")}</th>
            <th scope="col" className={c.headerCell}>{t("table.kind")}</th>
            <th scope="col" className={c.headerCell}>{t("table.cardBrand")}</th>
            <th scope="col" className={c.headerCell}>{t("table.cardNumber")}</th>
            <th scope="col" className={c.headerCellNumeric}>{t("table.amount")}</th>
          </tr>
        </thead>
        <tbody>
          {transactions.map((row) => (
            <tr key={row.id} className={c.row}>
              <td className={c.cell}>{formatBusinessDate(row.businessDate, locale)}</td>
              <td className={c.cell}>{formatTimeOfDay(row.occurredAt, timeZone, locale)}</td>
              <td className={c.cell}>{t(`kinds.${row.kind}`)}</td>
              <td className={c.cell}>{t(`cardBrands.${row.cardBrand as "other"}`)}</td>
              <td className={c.cell}>
                <span aria-label={t("table.cardEnding", { last4: row.last4 })}>{maskedNumber(row.last4)}</span>
              </td>
              <td className={c.cellNumeric}>
                <Amount minor={signedAmountMinor(row.kind, row.amountMinor)} currency={currency} locale={locale} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className={c.footerRow}>
            <th scope="row" colSpan={5} className={`${c.cell} text-left`}>{tDeposit("transactionsTotal")}</th>
            <td className={c.cellNumeric} data-testid="deposit-transactions-total">
              <Amount minor={total} currency={currency} locale={locale} strong />
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
