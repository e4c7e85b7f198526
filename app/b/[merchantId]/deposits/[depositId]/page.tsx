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
import { depositItemTotals, getDeposit, listDepositFees, listDepositTransactions } from "@/lib/portal/deposits";
import { formatBusinessDate, maskedNumber, portalLocale } from "@/lib/portal/display-format";
import { InvalidCursorError } from "@/lib/portal/keyset-cursor";
import { hasSynced, postedDocuments } from "@/lib/sync/posted-documents";
import { requireBusiness } from "../../../../_server/session";

type SearchParams = Record<string, string | string[] | undefined>;

const cursorOf = (value: string | string[] | undefined) => (typeof value === "string" && value ? value : undefined);

/** A page of items, or null when its cursor is not one this app made (the page then says so). */
async function orNull<T>(load: () => Promise<T>): Promise<T | null> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof InvalidCursorError) return null;
    throw error;
  }
}

/**
 * One deposit and the items it settled, a page of transactions and a page of fees at a time (keyset
 * cursors `transactions` and `fees` in the URL), so a Monday deposit of 16,000 items costs what a
 * small one does. The breakdown is added up from the items themselves by one aggregate query, so
 * the page shows that they make exactly the amount paid — and says so plainly if they ever do not.
 */
export default async function DepositPage({ params, searchParams }: { params: Promise<{ merchantId: string; depositId: string }>; searchParams: Promise<SearchParams> }) {
  const { merchantId, depositId } = await params;
  const query = await searchParams;
  const { business } = await requireBusiness(merchantId);
  const db = getDb();
  const deposit = await getDeposit(db, business.id, depositId);
  // Another business's deposit looks exactly like one that does not exist.
  if (!deposit) notFound();
  const transactionsCursor = cursorOf(query.transactions);
  const feesCursor = cursorOf(query.fees);
  const [totals, transactions, fees] = await Promise.all([
    depositItemTotals(db, business.id, deposit.id),
    orNull(() => listDepositTransactions(db, business.id, deposit.id, { cursor: transactionsCursor })),
    orNull(() => listDepositFees(db, business.id, deposit.id, { cursor: feesCursor })),
  ]);
  // Links to QuickBooks for the deposit and the receipts on this page only (the page's own ids).
  const synced = await hasSynced(db, business.id);
  const documents = synced ? await postedDocuments(db, business.id, [deposit.id, ...(transactions?.rows.map((x) => x.id) ?? [])]) : undefined;
  const depositDocument = documents?.get(deposit.id);
  const t = await getTranslations("deposits");
  const tDocuments = await getTranslations("qboDocuments");
  const locale = portalLocale(await getLocale());
  const date = formatBusinessDate(deposit.depositDate, locale);
  const difference = deposit.netMinor - totals.netMinor;
  const base = `/b/${encodeURIComponent(business.merchantId)}/deposits/${deposit.id}`;
  const href = (params: Record<string, string | undefined>) => {
    const search = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1])).toString();
    return search ? `${base}?${search}` : base;
  };
  const transactionsTotal = totals.salesMinor - totals.refundsMinor - totals.chargebacksMinor + totals.reversalsMinor;

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

      {transactions === null ? (
        <InvalidPage message={t("invalidCursor")} href={href({ fees: feesCursor })} label={t("detail.pages.firstTransactions")} />
      ) : totals.transactionCount > 0 ? (
        <>
          <DepositTransactionsTable transactions={transactions.rows} total={transactionsTotal} currency={deposit.currency} timeZone={business.timezone} locale={locale} documents={documents} />
          <ItemPages
            label={t("detail.pages.transactionsPages")}
            count={t("detail.pages.shownOf", { count: totals.transactionCount })}
            first={transactionsCursor ? { href: href({ fees: feesCursor }), text: t("detail.pages.firstTransactions") } : null}
            next={transactions.nextCursor ? { href: href({ transactions: transactions.nextCursor, fees: feesCursor }), text: t("detail.pages.nextTransactions") } : null}
          />
        </>
      ) : (
        <p className="mt-6 text-sm text-slate-600">{t("detail.noTransactions")}</p>
      )}

      {fees === null ? (
        <InvalidPage message={t("invalidCursor")} href={href({ transactions: transactionsCursor })} label={t("detail.pages.firstFees")} />
      ) : totals.feeCount > 0 ? (
        <>
          <DepositFeesTable fees={fees.rows} total={totals.feesMinor} currency={deposit.currency} locale={locale} />
          <ItemPages
            label={t("detail.pages.feesPages")}
            count={t("detail.pages.shownOf", { count: totals.feeCount })}
            first={feesCursor ? { href: href({ transactions: transactionsCursor }), text: t("detail.pages.firstFees") } : null}
            next={fees.nextCursor ? { href: href({ transactions: transactionsCursor, fees: fees.nextCursor }), text: t("detail.pages.nextFees") } : null}
          />
        </>
      ) : (
        <p className="mt-6 text-sm text-slate-600">{t("detail.noFees")}</p>
      )}
    </section>
  );
}

function ItemPages({ label, count, first, next }: { label: string; count: string; first: { href: string; text: string } | null; next: { href: string; text: string } | null }) {
  return (
    <nav className="mt-2 flex flex-wrap gap-4 text-sm" aria-label={label}>
      <span className="text-slate-600">{count}</span>
      {first && (
        <Link href={first.href} className="text-blue-700 underline">
          {first.text}
        </Link>
      )}
      {next && (
        <Link href={next.href} className="text-blue-700 underline">
          {next.text}
        </Link>
      )}
    </nav>
  );
}

function InvalidPage({ message, href, label }: { message: string; href: string; label: string }) {
  return (
    <p role="alert" className="mt-6 rounded border border-red-200 bg-red-50 p-4 text-sm text-red-800">
      {message}{" "}
      <Link href={href} className="underline">
        {label}
      </Link>
    </p>
  );
}
