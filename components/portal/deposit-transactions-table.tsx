import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/locales";
import type { DepositTransaction } from "@/lib/portal/deposits";
import { signedAmountMinor } from "@/lib/portal/transaction-kinds";
import { Amount } from "./amount";
import { tableClasses as c } from "./table-styles";
import { TransactionCells, TransactionHeaderCells } from "./transaction-cells";

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
  const tDeposit = await getTranslations("deposits.detail");
  const total = transactions.reduce((sum, row) => sum + signedAmountMinor(row.kind, row.amountMinor), 0);
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
