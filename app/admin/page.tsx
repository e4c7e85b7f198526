import { getTranslations } from "next-intl/server";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { SupportSearchForm } from "@/components/support/search-form";
import { SearchResults } from "@/components/support/search-results";
import { getDb } from "@/lib/database";
import { searchBusinesses, supportSearchSchema } from "@/lib/support/search";
import { requireSupport } from "../_server/session";
import { setLocaleAction } from "@/app/actions/preferences";
import { signOutAction, signOutEverywhereAction } from "@/app/actions/sign-out";

export const dynamic = "force-dynamic";

/** Support's console: find a merchant. Everyone else gets the same 404 as for a page that does not exist. */
export default async function AdminPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireSupport();
  const t = await getTranslations("support");
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = supportSearchSchema.safeParse(raw);
  const page = parsed.success ? await searchBusinesses(getDb(), parsed.data) : null;
  const nextParams = parsed.success && page?.next ? new URLSearchParams({ ...(raw as Record<string, string>), after: page.next }) : null;
  const firstParams = parsed.success && parsed.data.after ? new URLSearchParams(Object.entries(raw as Record<string, string>).filter(([k]) => k !== "after")) : null;
  return (
    <main className="mx-auto max-w-6xl space-y-6 p-4 md:p-8">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <div className="flex items-center gap-4">
          <LanguageSwitch setLocale={setLocaleAction} />
          <SignOutButton signOut={signOutAction} signOutEverywhere={signOutEverywhereAction} />
        </div>
      </div>
      <p className="text-slate-600">{t("subtitle")}</p>
      <SupportSearchForm search={parsed.success ? parsed.data : {}} />
      {!parsed.success ? (
        <p role="alert" className="text-red-700">
          {t("search.invalid", { message: parsed.error.issues.map((i) => i.message).join("; ") })}
        </p>
      ) : (
        <SearchResults rows={page!.rows} nextHref={nextParams ? `/admin?${nextParams}` : null} firstHref={firstParams ? `/admin?${firstParams}` : null} />
      )}
    </main>
  );
}
