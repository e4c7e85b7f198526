import { getTranslations } from "next-intl/server";
import { requireBusiness } from "../../../_server/session";

export default async function OverviewPage({ params }: { params: Promise<{ merchantId: string }> }) {
  const { merchantId } = await params;
  const { business, role } = await requireBusiness(merchantId);
  const t = await getTranslations();
  const rows: [string, string][] = [
    [t("portal.overview.merchantId"), business.merchantId],
    [t("portal.overview.location"), `${business.region}, ${business.country}`],
    [t("portal.overview.currency"), business.currency],
    [t("portal.overview.timezone"), business.timezone],
    [t("portal.overview.yourRole"), t(`common.roles.${role}`)],
  ];
  return (
    <section>
      <h1 className="text-2xl font-semibold">{t("portal.overview.title")}</h1>
      <p className="mt-2 text-slate-600">{t("portal.overview.welcome", { business: business.legalName })}</p>
      <dl className="mt-6 grid max-w-xl grid-cols-2 gap-x-6 gap-y-2 rounded-lg bg-white p-6 shadow-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-sm text-slate-500">{label}</dt>
            <dd className="text-sm">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
