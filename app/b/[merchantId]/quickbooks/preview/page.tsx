import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { DayPreviewView } from "@/components/accountant/day-preview";
import { RefusalNotice } from "@/components/quickbooks/refusal-notice";
import { isLive } from "@/lib/quickbooks/connection/connection-record";
import { valueOrRefusal } from "@/lib/quickbooks/connection/refusal";
import { mappingFor } from "@/lib/quickbooks/mapping/mapping-versions";
import { previewMappingOf } from "@/lib/sync/preview";
import { previewDayForConnection } from "@/lib/sync/preview-connection";
import { quickbooksContext } from "../_data/context";

/** Manage tab → "Preview a day": the latest ended day as the current mapping would post it. */
export default async function PreviewPage({ params }: { params: Promise<{ merchantId: string }> }) {
  const { merchantId } = await params;
  const ctx = await quickbooksContext(merchantId);
  if (!ctx.canViewDetails || !ctx.connection || !isLive(ctx.connection)) notFound();
  const t = await getTranslations("accountant.preview");
  const mapping = await mappingFor(ctx.db, ctx.connection.id);
  const result = mapping
    ? await valueOrRefusal(previewDayForConnection(ctx.db, ctx.connection, ctx.business, previewMappingOf(mapping), ctx.processorName))
    : null;
  const body = !result ? (
    <p>{t("noMapping")}</p>
  ) : "refusal" in result ? (
    <RefusalNotice code={result.refusal} values={{}} />
  ) : (
    <DayPreviewView preview={result.value} currency={ctx.business.currency} locale={ctx.locale} />
  );
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <Link href={ctx.base} className="text-sm underline">
        {t("back")}
      </Link>
      {body}
    </section>
  );
}
