import { getTranslations } from "next-intl/server";
import { Amount } from "@/components/portal/amount";
import { tableClasses } from "@/components/portal/table-styles";
import { formatBusinessDateLong } from "@/components/quickbooks/format";
import type { Locale } from "@/lib/i18n/locales";
import type { DayPreview, PreviewDocument } from "@/lib/sync/preview";

interface DayPreviewProps {
  preview: DayPreview | null;
  currency: "CAD" | "USD";
  locale: Locale;
}

/** One day as QuickBooks will receive it: each document beside the journal it produces. */
export async function DayPreviewView({ preview, currency, locale }: DayPreviewProps) {
  const t = await getTranslations("accountant.preview");
  if (!preview) return <p data-testid="preview-empty">{t("empty")}</p>;
  const money = (minor: number) => <Amount minor={minor} currency={currency} locale={locale} />;
  const accountName = (accountId: string, role: string) =>
    preview.accountNames[accountId] ?? (accountId === "new" || accountId.startsWith("new:") ? t("newAccount") : t(`role.${role}`));

  return (
    <div className="space-y-6" data-testid="day-preview">
      <p className="text-sm text-slate-700" data-testid="preview-day">
        {t("dayIntro", { day: formatBusinessDateLong(preview.businessDate, locale), count: preview.documents.length })}
      </p>
      <p className="text-sm text-slate-600 explain">{t("explain")}</p>
      {preview.refused.length > 0 && (
        <ul className="list-disc pl-6 text-sm text-red-800" data-testid="preview-refused">
          {preview.refused.map((r) => (
            <li key={r.processorId}>{t("refused", { id: r.processorId, message: r.message })}</li>
          ))}
        </ul>
      )}
      {preview.documents.map((document) => (
        <DocumentCard key={`${document.entity}:${document.processorId}`} document={document} money={money} accountName={accountName} t={t} />
      ))}
    </div>
  );
}

type T = Awaited<ReturnType<typeof getTranslations<"accountant.preview">>>;

function DocumentCard({
  document,
  money,
  accountName,
  t,
}: {
  document: PreviewDocument;
  money: (minor: number) => React.ReactNode;
  accountName: (id: string, role: string) => string;
  t: T;
}) {
  const { journal, tieOut } = document;
  return (
    <article className="grid gap-4 rounded-lg bg-white p-4 shadow-sm lg:grid-cols-2" data-testid="preview-document" data-entity={document.entity}>
      <div className="min-w-0 space-y-2">
        <h3 className="font-semibold">
          {t(`entity.${document.entity}`)} · <span className="font-mono text-sm">{document.docNumber}</span>
        </h3>
        <p className="text-sm text-slate-600">{t("dated", { date: document.txnDate, id: document.processorId })}</p>
        <table className={tableClasses.table}>
          <tbody>
            {document.lines.map((line, i) => (
              <tr key={i} className={tableClasses.row}>
                <td className="px-2 py-1 break-words">{line.description}</td>
                <td className="px-2 py-1 text-right">{money(line.amountMinor)}</td>
              </tr>
            ))}
            {document.taxMinor !== null && (
              <tr className={tableClasses.row}>
                <td className="px-2 py-1">{t("tax")}</td>
                <td className="px-2 py-1 text-right">{money(document.taxMinor)}</td>
              </tr>
            )}
            <tr className={tableClasses.footerRow}>
              <td className="px-2 py-1">{t("total")}</td>
              <td className="px-2 py-1 text-right" data-testid="preview-document-total">
                {money(document.totalMinor)}
              </td>
            </tr>
          </tbody>
        </table>
        {tieOut && (
          <p className="text-sm" data-testid="preview-tie-out" data-ties={tieOut.ties ? "yes" : "no"}>
            {t("tieOut")} {money(tieOut.receiptsMinor)} − {money(tieOut.feesMinor)} = {money(tieOut.netMinor)}{" "}
            {tieOut.ties ? t("tiesToBank") : t("doesNotTie")} <span data-testid="preview-paid-to-bank">{money(tieOut.paidToBankMinor)}</span>
          </p>
        )}
      </div>
      <div className="min-w-0">
        <table className={tableClasses.table} data-testid="preview-journal">
          <caption className="px-2 py-1 text-left text-sm font-medium text-slate-700">{t("journal")}</caption>
          <thead>
            <tr>
              <th className="px-2 py-1 text-left">{t("account")}</th>
              <th className="px-2 py-1 text-right">{t("debit")}</th>
              <th className="px-2 py-1 text-right">{t("credit")}</th>
            </tr>
          </thead>
          <tbody>
            {journal.lines.map((line, i) => (
              <tr key={i} className={tableClasses.row} data-role={line.role}>
                <td className="px-2 py-1 break-words">{accountName(line.accountId, line.role)}</td>
                <td className="px-2 py-1 text-right" data-testid="journal-debit">
                  {line.debitMinor ? money(line.debitMinor) : ""}
                </td>
                <td className="px-2 py-1 text-right" data-testid="journal-credit">
                  {line.creditMinor ? money(line.creditMinor) : ""}
                </td>
              </tr>
            ))}
            <tr className={tableClasses.footerRow}>
              <td className="px-2 py-1">{t("totals")}</td>
              <td className="px-2 py-1 text-right" data-testid="journal-total-debit" data-minor={journal.totalDebitMinor}>
                {money(journal.totalDebitMinor)}
              </td>
              <td className="px-2 py-1 text-right" data-testid="journal-total-credit" data-minor={journal.totalCreditMinor}>
                {money(journal.totalCreditMinor)}
              </td>
            </tr>
          </tbody>
        </table>
      </div>
    </article>
  );
}
