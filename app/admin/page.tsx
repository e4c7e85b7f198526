import { getTranslations } from "next-intl/server";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { listAllBusinesses } from "@/lib/admin/businesses";
import { getDb } from "@/lib/database";
import { requireSupport } from "../_server/session";
import { setLocaleAction } from "@/app/actions/preferences";
import { signOutAction } from "@/app/actions/sign-out";

export const dynamic = "force-dynamic";

/** Support's admin route. Everyone else gets the same 404 as for a page that does not exist. */
export default async function AdminPage() {
  await requireSupport();
  const t = await getTranslations("admin");
  const rows = await listAllBusinesses(getDb());
  return (
    <main className="mx-auto max-w-5xl p-8">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <div className="flex items-center gap-4">
          <LanguageSwitch setLocale={setLocaleAction} />
          <SignOutButton signOut={signOutAction} />
        </div>
      </div>
      <p className="mt-2 text-slate-600">{t("subtitle")}</p>
      {rows.length === 0 ? (
        <p className="mt-6">{t("empty")}</p>
      ) : (
        <table className="mt-6 w-full rounded-lg bg-white text-left text-sm shadow-sm">
          <thead>
            <tr className="border-b">
              <th className="p-3">{t("table.merchantId")}</th>
              <th className="p-3">{t("table.legalName")}</th>
              <th className="p-3">{t("table.location")}</th>
              <th className="p-3">{t("table.currency")}</th>
              <th className="p-3">{t("table.members")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((b) => (
              <tr key={b.id} className="border-b last:border-0">
                <td className="p-3 font-mono">{b.merchantId}</td>
                <td className="p-3">{b.legalName}</td>
                <td className="p-3">
                  {b.region}, {b.country}
                </td>
                <td className="p-3">{b.currency}</td>
                <td className="p-3">{b.members}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
