import { getTranslations } from "next-intl/server";
import { signOutAction, signOutEverywhereAction } from "@/app/actions/sign-out";

export async function SignOutButton() {
  const t = await getTranslations("common");
  const ts = await getTranslations("sessions");
  return (
    <div className="space-y-1">
      <form action={signOutAction}>
        <button type="submit" className="text-sm text-slate-700 underline">
          {t("signOut")}
        </button>
      </form>
      <form action={signOutEverywhereAction}>
        <button type="submit" className="text-xs text-slate-500 underline" title={ts("signOutEverywhereHint")}>
          {ts("signOutEverywhere")}
        </button>
      </form>
    </div>
  );
}
