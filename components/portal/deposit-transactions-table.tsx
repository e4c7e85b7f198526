import { getTranslations } from "next-intl/server";
import { QboDocumentLink } from "@/components/quickbooks/qbo-document-link";
import type { Locale } from "@/lib/i18n/locales";
import type { DepositTransaction } from "@/lib/portal/deposits";
import type { LinkedQboDocument } from "@/lib/sync/day-ledger";
import { Amount } from "./amount";
import { tableClasses as c } from "./table-styles";
import { TransactionCells, TransactionHeaderCells } from "./transaction-cells";

/**
 * One page of the card transactions a deposit settled, with the signed total of all of them
 * (`total`) and, when the business syncs to QuickBooks, the receipt each became there.
 */
export async function DepositTransactionsTable({
  transactions,
  total,
  currency,
  timeZone,
  locale,
  documents,
}: {
  transactions: DepositTransaction[];
  total: number;
  currency: "CAD" | "USD";
  timeZone: string;
  locale: Locale;
  /** Posted receipts by transaction id; absent when the business has never synced. */
  documents?: Map<string, LinkedQboDocument>;
}) {
  const tDeposit = await getTranslations("deposits.detail");
  const tDocuments = await getTranslations("qboDocuments");
  return (
    <div className={c.wrapper}>
      <table className={c.table}>
        <caption className={c.caption}>{tDeposit("transactionsCaption")}</caption>
        <thead className="bg-slate-50">
          <tr>
            <TransactionHeaderCells />
            {documents && <th scope="col" className={c.headerCell}>{tDocuments("inQuickBooks")}</th>}
          </tr>
        </thead>
        <tbody>
          {transactions.map((row) => (
            <tr key={row.id} className={c.row}>
              <TransactionCells row={row} currency={currency} timeZone={timeZone} locale={locale} />
              {documents && (
                <td className={c.cell}>
                  {documents.get(row.id) ? <QboDocumentLink document={documents.get(row.id)!} /> : <span className="text-slate-500">{tDocuments("notPosted")}</span>}
                </td>
              )}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className={c.footerRow}>
            <th scope="row" colSpan={5} className={`${c.cell} text-left`}>{tDeposit("transactionsTotal")}</th>
            <td className={c.cellNumeric} data-testid="deposit-transactions-total">
              <Amount minor={total} currency={currency} locale={locale} strong />
            </td>
            {documents && <td className={c.cell} />}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
