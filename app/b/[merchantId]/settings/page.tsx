import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { EmailChoicesForm } from "@/components/notify/email-choices-form";
import { can } from "@/lib/auth/permissions";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { getDb } from "@/lib/database";
import { NOTIFICATION_KINDS } from "@/lib/notify/kinds";
import { emailChoices } from "@/lib/notify/preferences";
import { requireBusiness } from "../../../_server/session";
import { saveEmailChoicesAction } from "./actions";
import { setLocaleAction } from "@/app/actions/preferences";

export default async function SettingsPage({ params, searchParams }: { params: Promise<{ merchantId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { merchantId } = await params;
  const { business, user, role } = await requireBusiness(merchantId);
  const t = await getTranslations("portal.settings");
  const tn = await getTranslations("notify");
  const ta = await getTranslations("accountant.accountants");
  const choices = await emailChoices(getDb(), user.id);
  return (
    <section>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <div className="mt-6 max-w-md rounded-lg bg-white p-6 shadow-sm">
        <LanguageSwitch setLocale={setLocaleAction} />
        <p className="mt-2 text-sm text-slate-500">{t("languageHelp")}</p>
      </div>
      <EmailChoicesForm
        action={saveEmailChoicesAction}
        merchantId={business.merchantId}
        choices={NOTIFICATION_KINDS.map((kind) => ({ kind, label: tn(`kinds.${kind}.label`), email: choices[kind] }))}
        labels={{ title: tn("settings.title"), help: tn("settings.help"), save: tn("settings.save"), saved: tn("settings.saved") }}
        saved={(await searchParams).emailSaved === "1"}
      />
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
