import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { can } from "@/lib/auth/permissions";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { requireBusiness } from "../../../_server/session";

export default async function SettingsPage({ params }: { params: Promise<{ merchantId: string }> }) {
  const { merchantId } = await params;
  const { business, role } = await requireBusiness(merchantId);
  const t = await getTranslations("portal.settings");
  const ta = await getTranslations("accountant.accountants");
  return (
    <section>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <div className="mt-6 max-w-md rounded-lg bg-white p-6 shadow-sm">
        <LanguageSwitch />
        <p className="mt-2 text-sm text-slate-500">{t("languageHelp")}</p>
      </div>
      {can(role, "accountants.manage") && (
        <div className="mt-6 max-w-md rounded-lg bg-white p-6 shadow-sm">
          <Link href={`/b/${encodeURIComponent(business.merchantId)}/settings/accountants`} className="font-medium underline" data-testid="settings-accountants">
            {ta("settingsLink")}
          </Link>
        </div>
      )}
    </section>
  );
}
