import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/locales";
import type { DepositTransaction } from "@/lib/portal/deposits";
import { Amount } from "./amount";
import { tableClasses as c } from "./table-styles";
import { TransactionCells, TransactionHeaderCells } from "./transaction-cells";

/** One page of the card transactions a deposit settled, with the signed total of all of them (`total`). */
export async function DepositTransactionsTable({
  transactions,
  total,
  currency,
  timeZone,
  locale,
}: {
  transactions: DepositTransaction[];
  total: number;
  currency: "CAD" | "USD";
  timeZone: string;
  locale: Locale;
}) {
  const tDeposit = await getTranslations("deposits.detail");
  return (
    <div className={c.wrapper}>
      <table className={c.table}>
        <caption className={c.caption}>{tDeposit("transactionsCaption")}</caption>
        <thead className="bg-slate-50">
          <tr>
            <TransactionHeaderCells />
          </tr>
        </thead>
        <tbody>
          {transactions.map((row) => (
            <tr key={row.id} className={c.row}>
              <TransactionCells row={row} currency={currency} timeZone={timeZone} locale={locale} />
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
