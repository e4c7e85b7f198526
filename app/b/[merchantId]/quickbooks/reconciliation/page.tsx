import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { ReconciliationView } from "@/components/accountant/reconciliation-view";
import { RefusalNotice } from "@/components/quickbooks/refusal-notice";
import { businessDateOf } from "@/lib/processor/timezone";
import { valueOrRefusal } from "@/lib/quickbooks/connection/refusal";
import { reconciliationFor } from "@/lib/reconcile/for-connection";
import { monthSchema, previousMonth } from "@/lib/reconcile/month";
import { param, quickbooksContext } from "../_data/context";

/** /b/<merchant id>/quickbooks/reconciliation?month=YYYY-MM — owners and accountants. (&format=csv is served by the API route, see proxy.ts.) */
export default async function ReconciliationPage({ params, searchParams }: { params: Promise<{ merchantId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { merchantId } = await params;
  const query = await searchParams;
  const ctx = await quickbooksContext(merchantId);
  if (!ctx.canViewDetails) notFound();
  const t = await getTranslations("reconcile");
  const requested = monthSchema.safeParse(param(query, "month"));
  const month = requested.success ? requested.data : previousMonth(businessDateOf(new Date(), ctx.business.timezone));
  const connection = ctx.connection;
  const connected = !!connection?.realmId && !!connection.connectedOn;
  const result = connected
    ? await valueOrRefusal(reconciliationFor(ctx.db, connection!, month))
    : null;
  const body = !result ? (
    <p data-testid="reconcile-not-connected">{t("notConnected")}</p>
  ) : "refusal" in result ? (
    <RefusalNotice code={result.refusal} values={{}} />
  ) : (
    <ReconciliationView report={result.value} currency={ctx.business.currency} locale={ctx.locale} />
  );
  const csvHref = `${ctx.base}/reconciliation?${new URLSearchParams({ month, format: "csv" })}`;
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-slate-700">{t("intro", { month })}</p>
      <p className="explain text-sm text-slate-600">{t("explain")}</p>
      <form method="get" className="flex flex-wrap items-end gap-3 print:hidden">
        <label className="text-sm">
          <span className="block text-slate-600">{t("month")}</span>
          <input type="month" name="month" defaultValue={month} className="rounded border border-slate-300 px-2 py-1" data-testid="reconcile-month" />
        </label>
        <button type="submit" className="rounded bg-slate-800 px-3 py-1.5 text-sm text-white">
          {t("show")}
        </button>
        <a href={csvHref} className="text-sm underline" data-testid="reconcile-csv" download>
          {t("csv")}
        </a>
      </form>
      <p className="text-xs text-slate-500 print:hidden">{t("print")}</p>
      {body}
    </section>
  );
}
