import { getTranslations } from "next-intl/server";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { requireBusiness } from "../../../_server/session";
import { setLocaleAction } from "@/app/actions/preferences";

export default async function SettingsPage({ params }: { params: Promise<{ merchantId: string }> }) {
  const { merchantId } = await params;
  await requireBusiness(merchantId);
  const t = await getTranslations("portal.settings");
  return (
    <section>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <div className="mt-6 max-w-md rounded-lg bg-white p-6 shadow-sm">
        <LanguageSwitch setLocale={setLocaleAction} />
        <p className="mt-2 text-sm text-slate-500">{t("languageHelp")}</p>
      </div>
    </section>
  );
}
