import { getTranslations } from "next-intl/server";

/** The sign-out server actions come from app/ (components never import app/). */
export async function SignOutButton({ signOut, signOutEverywhere }: { signOut: () => Promise<void>; signOutEverywhere: () => Promise<void> }) {
  const t = await getTranslations("common");
  const ts = await getTranslations("sessions");
  return (
    <div className="space-y-1">
      <form action={signOut}>
        <button type="submit" className="text-sm text-slate-700 underline">
          {t("signOut")}
        </button>
      </form>
      <form action={signOutEverywhere}>
        <button type="submit" className="text-xs text-slate-500 underline" title={ts("signOutEverywhereHint")}>
          {ts("signOutEverywhere")}
        </button>
      </form>
    </div>
  );
}
