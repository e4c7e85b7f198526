import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { EmptyState } from "@/components/portal/empty-state";
import { TransactionFiltersForm } from "@/components/portal/transaction-filters-form";
import { TransactionsTable } from "@/components/portal/transactions-table";
import { getDb } from "@/lib/database";
import { TRANSACTION_KINDS, type TransactionKind } from "@/lib/portal/transaction-kinds";
import { parseTransactionQuery, searchParamsOf } from "@/lib/portal/transaction-query";
import { listTransactions } from "@/lib/portal/transactions";
import { requireBusiness } from "../../../_server/session";

type SearchParams = Record<string, string | string[] | undefined>;

export default async function TransactionsPage({ params, searchParams }: { params: Promise<{ merchantId: string }>; searchParams: Promise<SearchParams> }) {
  const { merchantId } = await params;
  const { business } = await requireBusiness(merchantId);
  const t = await getTranslations("transactions");
  const raw = searchParamsOf(await searchParams);
  // The page always starts at the newest row; deeper pages come from "Load more", so a cursor in
  // the page's own URL is ignored rather than trusted.
  raw.delete("cursor");
  raw.delete("limit");
  const parsed = parseTransactionQuery(raw);
  const action = `/b/${encodeURIComponent(business.merchantId)}/transactions`;
  // After a refused filter, the form keeps what it can show: a date input only takes a real date.
  const shownDate = (name: string) => {
    const value = raw.get(name);
    return z.iso.date().safeParse(value).success ? value! : undefined;
  };
  const formValues = parsed.ok
    ? { from: parsed.query.from, to: parsed.query.to, kinds: parsed.query.kinds }
    : { from: shownDate("from"), to: shownDate("to"), kinds: raw.getAll("kind").filter((k): k is TransactionKind => (TRANSACTION_KINDS as readonly string[]).includes(k)) };

  let content;
  if (!parsed.ok) {
    content = (
      <p role="alert" className="mt-6 rounded border border-red-200 bg-red-50 p-4 text-sm text-red-800">
        {t("filters.invalid")}
      </p>
    );
  } else {
    const filters = { from: parsed.query.from, to: parsed.query.to, kinds: parsed.query.kinds };
    const firstPage = await listTransactions(getDb(), business.id, filters);
    const filtered = Boolean(filters.from || filters.to || filters.kinds.length);
    content =
      firstPage.rows.length === 0 ? (
        <EmptyState title={t("empty.title")} body={filtered ? t("empty.filtered") : t("empty.none", { business: business.legalName })} />
      ) : (
        <TransactionsTable
          // A new filter is a new list: start its pages over.
          key={JSON.stringify(filters)}
          merchantId={business.merchantId}
          businessName={business.legalName}
          currency={business.currency}
          timeZone={business.timezone}
          filters={filters}
          firstPage={firstPage}
        />
      );
  }

  return (
    <section>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-2 text-slate-600">{t("intro", { business: business.legalName })}</p>
      <TransactionFiltersForm action={action} {...formValues} />
      {content}
    </section>
  );
}
