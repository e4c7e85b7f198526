import { getTranslations } from "next-intl/server";
import { EmailChoicesForm } from "@/components/notify/email-choices-form";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { getDb } from "@/lib/database";
import { NOTIFICATION_KINDS } from "@/lib/notify/kinds";
import { emailChoices } from "@/lib/notify/preferences";
import { requireBusiness } from "../../../_server/session";
import { saveEmailChoicesAction } from "./actions";

export default async function SettingsPage({ params, searchParams }: { params: Promise<{ merchantId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { merchantId } = await params;
  const { business, user } = await requireBusiness(merchantId);
  const t = await getTranslations("portal.settings");
  const tn = await getTranslations("notify");
  const choices = await emailChoices(getDb(), user.id);
  return (
    <section>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <div className="mt-6 max-w-md rounded-lg bg-white p-6 shadow-sm">
        <LanguageSwitch />
        <p className="mt-2 text-sm text-slate-500">{t("languageHelp")}</p>
      </div>
      <EmailChoicesForm
        action={saveEmailChoicesAction}
        merchantId={business.merchantId}
        choices={NOTIFICATION_KINDS.map((kind) => ({ kind, label: tn(`kinds.${kind}.label`), email: choices[kind] }))}
        labels={{ title: tn("settings.title"), help: tn("settings.help"), save: tn("settings.save"), saved: tn("settings.saved") }}
        saved={(await searchParams).emailSaved === "1"}
      />
    </section>
  );
}
