import { useTranslations } from "next-intl";
import type { SupportSearchRow } from "@/lib/support/search";

/** The matching businesses, each linking by merchant id to its support page. */
export function SearchResults({ rows, nextHref, firstHref }: { rows: SupportSearchRow[]; nextHref: string | null; firstHref: string | null }) {
  const t = useTranslations("support");
  return (
    <section className="space-y-3" aria-label={t("search.results")}>
      {rows.length === 0 ? (
        <p data-testid="support-no-results">{t("search.none")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
          <table className="w-full text-left text-sm" data-testid="support-results">
            <thead className="text-slate-500">
              <tr className="border-b">
                <th className="p-3">{t("table.merchantId")}</th>
                <th className="p-3">{t("table.legalName")}</th>
                <th className="p-3">{t("table.connection")}</th>
                <th className="hidden p-3 md:table-cell">{t("table.company")}</th>
                <th className="hidden p-3 md:table-cell">{t("table.realmId")}</th>
                <th className="p-3 text-right">{t("table.failed")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} className="border-b last:border-0" data-testid="support-result" data-merchant-id={row.merchantId}>
                  <td className="p-3 font-mono">
                    <a className="text-blue-700 underline" href={`/admin/businesses/${encodeURIComponent(row.merchantId)}`}>
                      {row.merchantId}
                    </a>
                  </td>
                  <td className="p-3">{row.legalName}</td>
                  <td className="p-3">{t(`state.${row.state}`)}</td>
                  <td className="hidden p-3 md:table-cell">{row.companyName ?? "—"}</td>
                  <td className="hidden p-3 font-mono md:table-cell">{row.realmId ?? "—"}</td>
                  <td className="p-3 text-right">{row.failedItems}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="flex gap-4 text-sm">
        {firstHref && (
          <a className="underline" href={firstHref}>
            {t("search.first")}
          </a>
        )}
        {nextHref && (
          <a className="underline" href={nextHref} data-testid="support-next">
            {t("search.next")}
          </a>
        )}
      </div>
    </section>
  );
}
