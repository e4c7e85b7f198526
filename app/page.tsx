import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { currentBusinesses, requireUser } from "./_server/session";
import { signOutAction, signOutEverywhereAction } from "@/app/actions/sign-out";

/** The portal's home: the first business the user belongs to. */
export default async function Home() {
  const user = await requireUser();
  const businesses = await currentBusinesses(user.id);
  if (businesses.length > 0) redirect(`/b/${encodeURIComponent(businesses[0].business.merchantId)}/overview`);
  if (user.isSupport) redirect("/admin");
  const t = await getTranslations("common");
  return (
    <main className="mx-auto max-w-lg p-8">
      <h1 className="text-xl font-semibold">{t("noBusinesses.title")}</h1>
      <p className="mt-2 text-slate-600">{t("noBusinesses.body")}</p>
      <div className="mt-6">
        <SignOutButton signOut={signOutAction} signOutEverywhere={signOutEverywhereAction} />
      </div>
    </main>
  );
}
