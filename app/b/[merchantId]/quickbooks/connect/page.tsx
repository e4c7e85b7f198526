import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { ConsentForm } from "@/components/quickbooks/consent-form";
import { Notice } from "@/components/quickbooks/notice";
import { isLive } from "@/lib/quickbooks/connection/connection-record";
import { param, quickbooksContext } from "../_data/context";

/** Wizard step 1: the owner authorizes sharing processing data with QuickBooks, then goes to Intuit. */
export default async function ConnectPage({ params, searchParams }: { params: Promise<{ merchantId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { merchantId } = await params;
  const ctx = await quickbooksContext(merchantId);
  if (isLive(ctx.connection)) redirect(ctx.base);
  const t = await getTranslations("quickbooks");
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("consent.title")}</h1>
      <p className="text-sm text-slate-500">{t("steps.progress", { step: 1, total: 3 })}</p>
      {ctx.canManage ? (
        <ConsentForm merchantId={ctx.business.merchantId} processorName={ctx.processorName} showRequired={param(await searchParams, "error") === "consent_required"} />
      ) : (
        <Notice tone="info" testId="qbo-owner-only">
          {t("intro.ownerOnly")}
        </Notice>
      )}
    </section>
  );
}
