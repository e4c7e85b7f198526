import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { DepositsTable } from "@/components/portal/deposits-table";
import { EmptyState } from "@/components/portal/empty-state";
import { getDb } from "@/lib/database";
import { listDeposits } from "@/lib/portal/deposits";
import { portalLocale } from "@/lib/portal/display-format";
import { InvalidCursorError } from "@/lib/portal/keyset-cursor";
import { requireBusiness } from "../../../_server/session";
import { closingPeriod } from "@/lib/i18n/closing-period";

type SearchParams = Record<string, string | string[] | undefined>;

/** Settlement deposits, 50 to a page; "Older deposits" follows the keyset cursor in the URL. */
export default async function DepositsPage({ params, searchParams }: { params: Promise<{ merchantId: string }>; searchParams: Promise<SearchParams> }) {
  const { merchantId } = await params;
  const { business } = await requireBusiness(merchantId);
  const t = await getTranslations("deposits");
  const locale = portalLocale(await getLocale());
  const { cursor } = await searchParams;
  const base = `/b/${encodeURIComponent(business.merchantId)}/deposits`;

  let page;
  try {
    page = await listDeposits(getDb(), business.id, { cursor: typeof cursor === "string" && cursor ? cursor : undefined });
  } catch (error) {
    if (!(error instanceof InvalidCursorError)) throw error;
    page = null;
  }

  return (
    <section>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-2 text-slate-600">{t("intro", { business: business.legalName })}</p>
      {page === null ? (
        <p role="alert" className="mt-6 rounded border border-red-200 bg-red-50 p-4 text-sm text-red-800">
          {t("invalidCursor")}{" "}
          <Link href={base} className="underline">
            {t("newestPage")}
          </Link>
        </p>
      ) : page.rows.length === 0 && !cursor ? (
        <EmptyState title={t("empty.title")} body={t("empty.body", { business: business.legalName, period: closingPeriod(business.legalName) })} />
      ) : (
        <>
          <DepositsTable merchantId={business.merchantId} businessName={business.legalName} rows={page.rows} locale={locale} />
          <nav className="mt-4 flex gap-4 text-sm" aria-label={t("pagination")}>
            {cursor && (
              <Link href={base} className="text-blue-700 underline">
                {t("newestPage")}
              </Link>
            )}
            {page.nextCursor && (
              <Link href={`${base}?cursor=${page.nextCursor}`} className="text-blue-700 underline">
                {t("olderPage")}
              </Link>
            )}
          </nav>
        </>
      )}
    </section>
  );
}
