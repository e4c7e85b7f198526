import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { MappingForm } from "@/components/quickbooks/mapping-form";
import { Notice } from "@/components/quickbooks/notice";
import { RefusalNotice } from "@/components/quickbooks/refusal-notice";
import { mappingChoicesInQuery, mappingOptionsFor, param, refusalNoticeValues, setupStepContext } from "../_data/context";

/**
 * Wizard step 2, after Intuit: the mapping. Its choices go to the review step in the URL, so a
 * reload or Back from the review shows them again; the step itself is known from the database
 * (connected, mapping not confirmed).
 */
export default async function SetupPage({ params, searchParams }: { params: Promise<{ merchantId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { merchantId } = await params;
  const query = await searchParams;
  const ctx = await setupStepContext(merchantId);
  const t = await getTranslations("quickbooks");
  const loaded = await mappingOptionsFor(ctx, ctx.connection);
  const selected = mappingChoicesInQuery(query);
  const error = param(query, "error");
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("setup.title")}</h1>
      <p className="text-sm text-slate-500">{t("steps.progress", { step: 2, total: 3 })}</p>
      <Notice tone="success" title={t("setup.connectedTo", { company: ctx.connection.companyName ?? "" })} testId="qbo-connected-to">
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
