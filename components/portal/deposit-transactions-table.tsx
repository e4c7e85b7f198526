import { getTranslations } from "next-intl/server";
import { QboDocumentLink } from "@/components/quickbooks/qbo-document-link";
import type { Locale } from "@/lib/i18n/locales";
import type { DepositTransaction } from "@/lib/portal/deposits";
import type { QboDocumentLink as DocumentLink } from "@/lib/sync/day-ledger";
import { signedAmountMinor } from "@/lib/portal/transaction-kinds";
import { Amount } from "./amount";
import { tableClasses as c } from "./table-styles";
import { TransactionCells, TransactionHeaderCells } from "./transaction-cells";

/**
 * The card transactions a deposit settled, with their signed total and, when the business syncs
 * to QuickBooks, the receipt each became there.
 */
export async function DepositTransactionsTable({
  transactions,
  currency,
  timeZone,
  locale,
  documents,
}: {
  transactions: DepositTransaction[];
  currency: "CAD" | "USD";
  timeZone: string;
  locale: Locale;
  /** Posted receipts by transaction id; absent when the business has never synced. */
  documents?: Map<string, DocumentLink>;
}) {
  const tDeposit = await getTranslations("deposits.detail");
  const tDocuments = await getTranslations("qboDocuments");
  const total = transactions.reduce((sum, row) => sum + signedAmountMinor(row.kind, row.amountMinor), 0);
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
