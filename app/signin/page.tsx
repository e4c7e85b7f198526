import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { env } from "@/lib/env";
import { currentUser } from "../_server/session";
import { setLocaleAction } from "@/app/actions/preferences";
import { signInAction } from "./actions";

export const dynamic = "force-dynamic";

export default async function SignInPage() {
  if (await currentUser()) redirect("/");
  const t = await getTranslations();
  return (
    <main className="mx-auto mt-16 max-w-sm rounded-lg bg-white p-8 shadow">
      <p className="text-sm text-slate-500">{t("common.processorPortal", { processor: env().PROCESSOR_NAME })}</p>
      <h1 className="mt-1 text-2xl font-semibold">{t("auth.signIn.title")}</h1>
      <p className="mt-2 text-sm text-slate-600">{t("auth.signIn.subtitle")}</p>
      <SignInForm signIn={signInAction} />
      <div className="mt-8 border-t pt-4">
        <LanguageSwitch setLocale={setLocaleAction} />
      </div>
    </main>
  );
}
