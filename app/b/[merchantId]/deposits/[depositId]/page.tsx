import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { DepositBreakdownTable } from "@/components/portal/deposit-breakdown-table";
import { DepositFeesTable } from "@/components/portal/deposit-fees-table";
import { DepositTransactionsTable } from "@/components/portal/deposit-transactions-table";
import { Amount } from "@/components/portal/amount";
import { QboDocumentLink } from "@/components/quickbooks/qbo-document-link";
import { getDb } from "@/lib/database";
import { formatMoney } from "@/lib/i18n/money";
import { breakdownOfItems } from "@/lib/portal/deposit-totals";
import { getDepositWithItems } from "@/lib/portal/deposits";
import { formatBusinessDate, maskedNumber, portalLocale } from "@/lib/portal/display-format";
import { hasSynced, postedDocuments } from "@/lib/sync/posted-documents";
import { requireBusiness } from "../../../../_server/session";

/**
 * One deposit and every item it settled. The breakdown is added up from the items themselves, so
 * the page shows that they make exactly the amount paid — and says so plainly if they ever do not.
 */
export default async function DepositPage({ params }: { params: Promise<{ merchantId: string; depositId: string }> }) {
  const { merchantId, depositId } = await params;
  const { business } = await requireBusiness(merchantId);
  const found = await getDepositWithItems(getDb(), business.id, depositId);
  // Another business's deposit looks exactly like one that does not exist.
  if (!found) notFound();
  const { deposit, transactions, fees } = found;
  const db = getDb();
  const synced = await hasSynced(db, business.id);
  const documents = synced ? await postedDocuments(db, business.id, [deposit.id, ...transactions.map((x) => x.id)]) : undefined;
  const depositDocument = documents?.get(deposit.id);
  const t = await getTranslations("deposits");
  const tDocuments = await getTranslations("qboDocuments");
  const locale = portalLocale(await getLocale());
  const totals = breakdownOfItems(transactions, fees);
  const date = formatBusinessDate(deposit.depositDate, locale);
  const difference = deposit.netMinor - totals.netMinor;

  return (
    <section>
      <Link href={`/b/${encodeURIComponent(business.merchantId)}/deposits`} className="text-sm text-blue-700 underline">
        ← {t("detail.back")}
      </Link>
      <h1 className="mt-2 text-2xl font-semibold">{t("detail.title", { date })}</h1>
      <dl aria-label={t("detail.facts")} className="mt-6 grid max-w-xl grid-cols-2 gap-x-6 gap-y-2 rounded-lg bg-white p-6 shadow-sm text-sm">
        <dt className="text-slate-500">{t("table.reference")}</dt>
        <dd className="font-mono text-xs">{deposit.processorId}</dd>
        <dt className="text-slate-500">{t("table.bankAccount")}</dt>
        <dd>
          <span aria-label={t("table.bankEnding", { last4: deposit.bankLast4 })}>{maskedNumber(deposit.bankLast4)}</span>
        </dd>
        <dt className="text-slate-500">{t("detail.amountPaid")}</dt>
        <dd data-testid="deposit-amount-paid">
          <Amount minor={deposit.netMinor} currency={deposit.currency} locale={locale} strong />
        </dd>
        {synced && (
          <>
            <dt className="text-slate-500">{tDocuments("inQuickBooks")}</dt>
            <dd data-testid="deposit-qbo">{depositDocument ? <QboDocumentLink document={depositDocument} /> : tDocuments("notPosted")}</dd>
          </>
        )}
      </dl>
      {difference !== 0 && (
        <p role="alert" className="mt-6 rounded border border-red-200 bg-red-50 p-4 text-sm text-red-800">
          {t("detail.mismatch", { difference: formatMoney(difference, deposit.currency, locale) })}
        </p>
      )}
      <DepositBreakdownTable totals={totals} currency={deposit.currency} locale={locale} />
      {transactions.length > 0 ? (
        <DepositTransactionsTable transactions={transactions} currency={deposit.currency} timeZone={business.timezone} locale={locale} documents={documents} />
      ) : (
        <p className="mt-6 text-sm text-slate-600">{t("detail.noTransactions")}</p>
      )}
      {fees.length > 0 ? (
        <DepositFeesTable fees={fees} currency={deposit.currency} locale={locale} />
      ) : (
        <p className="mt-6 text-sm text-slate-600">{t("detail.noFees")}</p>
      )}
    </section>
  );
}
