import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { MappingForm } from "@/components/quickbooks/mapping-form";
import { RefusalNotice } from "@/components/quickbooks/refusal-notice";
import { isLive } from "@/lib/quickbooks/connection/connection-record";
import { DEFAULT_CHOICE, type MappingSlot } from "@/lib/quickbooks/mapping/mapping-choice";
import { mappingFor } from "@/lib/quickbooks/mapping/mapping-versions";
import { mappingChoicesInQuery, mappingOptionsFor, param, quickbooksContext, refusalNoticeValues } from "../_data/context";

/** Edit mapping (Manage tab): the wizard's choices; saving adds a version effective today. */
export default async function EditMappingPage({ params, searchParams }: { params: Promise<{ merchantId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { merchantId } = await params;
  const query = await searchParams;
  const ctx = await quickbooksContext(merchantId);
  const connection = ctx.connection;
  if (!ctx.canManage || !connection || !isLive(connection) || !connection.setupCompletedAt) redirect(ctx.base);
  const t = await getTranslations("quickbooks");
  const [loaded, current] = await Promise.all([mappingOptionsFor(ctx, connection), mappingFor(ctx.db, connection.id)]);
  const fromUrl = mappingChoicesInQuery(query);
  let selected: Partial<Record<MappingSlot, string>> = fromUrl;
  if (!("refusal" in loaded) && current && Object.keys(fromUrl).length === 0) {
    // The current mapping, with the processor's own entities shown as the default choice.
    const d = loaded.options.defaults;
    const asChoice = (slot: "revenue" | "expense" | "customer", id: string) => (d[slot].state === "existing" && d[slot].id === id ? DEFAULT_CHOICE : id);
    selected = {
      bank: current.bankAccountId,
      revenue: asChoice("revenue", current.revenueAccountId),
      expense: asChoice("expense", current.expenseAccountId),
      customer: asChoice("customer", current.customerId),
      taxCode: current.taxCodeId,
    };
  }
  const error = param(query, "error");
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("editMapping.title")}</h1>
      <p className="text-sm text-slate-700">{t("editMapping.fromToday")}</p>
      {error && <RefusalNotice code={error} values={refusalNoticeValues(ctx, query)} />}
      {"refusal" in loaded ? (
        <RefusalNotice code={loaded.refusal} values={{}} />
      ) : (
        <MappingForm
          action="/api/quickbooks/mapping"
          method="post"
          hidden={{ merchantId: ctx.business.merchantId, mode: "edit" }}
          options={loaded.options}
          selected={selected}
          submitLabel={t("editMapping.save")}
          cancelHref={ctx.base}
          cancelLabel={t("editMapping.cancel")}
        />
      )}
    </section>
  );
}
