import { getTranslations } from "next-intl/server";
import { formatDateTime } from "./format";

/** When the shown mapping health was checked, and a button to check it in QuickBooks again now. */
export async function HealthCheckNow({ merchantId, checkedAt, locale, timeZone }: { merchantId: string; checkedAt: Date; locale: string; timeZone: string }) {
  const t = await getTranslations("mappingHealth");
  return (
    <form method="post" action="/api/quickbooks/health" className="flex flex-wrap items-center gap-4 text-sm text-slate-600">
      <input type="hidden" name="merchantId" value={merchantId} />
      <span data-testid="qbo-health-checked-at">{t("checkedAt", { when: formatDateTime(checkedAt, locale, timeZone) })}</span>
      <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1 text-slate-800 hover:bg-slate-50">
        {t("checkNow")}
      </button>
    </form>
  );
}
