import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** The Manage tab's way to the accountant's views: the day preview and the monthly reconciliation. */
export async function AccountantLinks({ base }: { base: string }) {
  const t = await getTranslations("accountant.links");
  return (
    <nav className="flex flex-wrap gap-3" aria-label={t("label")} data-testid="accountant-links">
      <Link href={`${base}/preview`} className="rounded border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-100">
        {t("preview")}
      </Link>
      <Link href={`${base}/reconciliation`} className="rounded border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-100">
        {t("reconciliation")}
      </Link>
    </nav>
  );
}
