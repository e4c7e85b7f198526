import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { MappingForm } from "@/components/quickbooks/mapping-form";
import { Notice } from "@/components/quickbooks/notice";
import { RefusalNotice } from "@/components/quickbooks/refusal-notice";
import { isInSetup } from "@/lib/quickbooks/connection/connection-record";
import { MAPPING_SLOTS } from "@/lib/quickbooks/mapping/mapping-choice";
import { mappingOptionsFor, param, quickbooksContext, refusalNoticeValues } from "../_data/context";

/**
 * Wizard step 2, after Intuit: the mapping. Its choices go to the review step in the URL, so a
 * reload or Back from the review shows them again; the step itself is known from the database
 * (connected, mapping not confirmed).
 */
export default async function SetupPage({ params, searchParams }: { params: Promise<{ merchantId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { merchantId } = await params;
  const query = await searchParams;
  const ctx = await quickbooksContext(merchantId);
  if (!ctx.canManage) redirect(ctx.base);
  if (!isInSetup(ctx.connection)) redirect(ctx.connection?.setupCompletedAt ? `${ctx.base}/done` : ctx.base);
  const t = await getTranslations("quickbooks");
  const loaded = await mappingOptionsFor(ctx, ctx.connection!);
  const selected = Object.fromEntries(MAPPING_SLOTS.flatMap((slot) => (param(query, slot) ? [[slot, param(query, slot)!]] : [])));
  const error = param(query, "error");
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("setup.title")}</h1>
      <p className="text-sm text-slate-500">{t("steps.progress", { step: 2, total: 3 })}</p>
      <Notice tone="success" title={t("setup.connectedTo", { company: ctx.connection!.companyName ?? "" })} testId="qbo-connected-to">
        <Link href={`${ctx.base}/confirm/disconnect`} className="underline">
          {t("setup.wrongCompany")}
        </Link>
      </Notice>
      {error && <RefusalNotice code={error} values={refusalNoticeValues(ctx, query)} />}
      {"refusal" in loaded ? (
        <RefusalNotice code={loaded.refusal} values={{}} />
      ) : (
        <MappingForm
          action={`${ctx.base}/setup/review`}
          method="get"
          hidden={{}}
          options={loaded.options}
          selected={selected}
          submitLabel={t("setup.toReview")}
          cancelHref={ctx.base}
          cancelLabel={t("setup.later")}
        />
      )}
    </section>
  );
}
