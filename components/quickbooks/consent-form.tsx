import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** Step 1: the owner authorizes the sharing of processing data (recorded with time and user), then goes to Intuit. */
export async function ConsentForm({ merchantId, processorName, showRequired }: { merchantId: string; processorName: string; showRequired: boolean }) {
  const t = await getTranslations("quickbooks.consent");
  return (
    <form method="post" action="/api/quickbooks/connect" className="max-w-2xl space-y-4 rounded-lg bg-white p-6 shadow-sm">
      <input type="hidden" name="merchantId" value={merchantId} />
      <p>{t("body", { processor: processorName })}</p>
      <p className="text-sm text-slate-600">{t("record")}</p>
      <label className="flex items-start gap-2">
        <input type="checkbox" name="consent" value="yes" required className="mt-1" />
        <span>{t("checkbox", { processor: processorName })}</span>
      </label>
      {showRequired && (
        <p className="text-sm text-red-700" role="alert">
          {t("required")}
        </p>
      )}
      <div className="flex items-center gap-4">
        <button type="submit" className="rounded bg-green-700 px-4 py-2 font-medium text-white hover:bg-green-800">
          {t("continue")}
        </button>
        <Link href={`/b/${encodeURIComponent(merchantId)}/quickbooks`} className="text-sm underline">
          {t("back")}
        </Link>
      </div>
    </form>
  );
}
