"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { formatBusinessDate, portalLocale } from "@/lib/portal/display-format";
import type { TransactionKind } from "@/lib/portal/transaction-kinds";
import { transactionQueryString } from "@/lib/portal/transaction-query";
import type { TransactionPage } from "@/lib/portal/transactions";
import { tableClasses as c } from "./table-styles";
import { TransactionCells, TransactionHeaderCells } from "./transaction-cells";

export interface TransactionsTableProps {
  merchantId: string;
  businessName: string;
  currency: "CAD" | "USD";
  timeZone: string;
  filters: { from?: string; to?: string; kinds: TransactionKind[] };
  /** The first page, rendered on the server; "Load more" fetches the next ones from the JSON route. */
  firstPage: TransactionPage;
}

async function fetchPage(merchantId: string, filters: TransactionsTableProps["filters"], cursor: string | undefined): Promise<TransactionPage> {
  const query = transactionQueryString({ ...filters, cursor });
  const response = await fetch(`/api/b/${encodeURIComponent(merchantId)}/transactions?${query}`, { headers: { accept: "application/json" } });
  if (!response.ok) throw new Error(`transactions page: HTTP ${response.status}`);
  return response.json();
}

export function TransactionsTable({ merchantId, businessName, currency, timeZone, filters, firstPage }: TransactionsTableProps) {
  const t = useTranslations("transactions");
  const locale = portalLocale(useLocale());
  const query = useInfiniteQuery({
    queryKey: ["transactions", merchantId, filters],
    queryFn: ({ pageParam }) => fetchPage(merchantId, filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    initialData: { pages: [firstPage], pageParams: [undefined] },
    // The server renders a fresh first page on every visit: never refetch in the background (that
    // would re-fetch every loaded page), and forget the pages on leaving, so coming back starts
    // from the server's page instead of an old cache.
    staleTime: Infinity,
    gcTime: 0,
  });
  const rows = query.data.pages.flatMap((page) => page.rows);

  return (
    <>
      <div className={c.wrapper}>
        <table className={c.table}>
          <caption className="sr-only">{t("table.caption", { business: businessName })}</caption>
          <thead className="bg-slate-50">
            <tr>
              <TransactionHeaderCells />
              <th scope="col" className={c.headerCell}>{t("table.deposit")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className={c.row} data-testid="transaction-row">
                <TransactionCells row={row} currency={currency} timeZone={timeZone} locale={locale} />
                <td className={c.cell}>
                  {row.deposit ? (
                    <Link
                      href={`/b/${encodeURIComponent(merchantId)}/deposits/${row.deposit.id}`}
                      className="text-blue-700 underline"
                      aria-label={t("table.depositLink", { date: formatBusinessDate(row.deposit.depositDate, locale) })}
                    >
                      {formatBusinessDate(row.deposit.depositDate, locale)}
                    </Link>
                  ) : (
                    <span className="text-slate-500">{t("table.notDeposited")}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="mt-4 flex items-center gap-4">
        <p role="status" className="text-sm text-slate-600">
          {t("showing", { count: rows.length })}
          {!query.hasNextPage && ` ${t("allLoaded")}`}
        </p>
        {query.hasNextPage && (
          <button
            type="button"
            onClick={() => query.fetchNextPage()}
            disabled={query.isFetchingNextPage}
            className="rounded bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60"
          >
            {query.isFetchingNextPage ? t("loading") : t("loadMore")}
          </button>
        )}
      </div>
      {query.isFetchNextPageError && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {t("loadFailed")}
        </p>
      )}
    </>
  );
}
