import { getTranslations } from "next-intl/server";
import { requireBusiness } from "../../../_server/session";

export default async function QuickBooksPage({ params }: { params: Promise<{ merchantId: string }> }) {
  const { merchantId } = await params;
  await requireBusiness(merchantId);
  const t = await getTranslations();
  return (
    <section>
      <h1 className="text-2xl font-semibold">{t("portal.quickbooks.title")}</h1>
      <p className="mt-2 text-slate-600">{t("portal.quickbooks.status", { status: t("common.quickbooksNotConnected") })}</p>
    </section>
  );
}
