import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { TRANSACTION_KINDS, type TransactionKind } from "@/lib/portal/transaction-kinds";

/**
 * The Transactions page's filters as a plain GET form: the filters live in the URL, so a filtered
 * list can be bookmarked and shared, and works before any JavaScript loads.
 */
export async function TransactionFiltersForm({ action, from, to, kinds }: { action: string; from?: string; to?: string; kinds: readonly TransactionKind[] }) {
  const t = await getTranslations("transactions.filters");
  const tKinds = await getTranslations("transactions.kinds");
  return (
    <form method="get" action={action} aria-label={t("legend")} className="mt-6 flex flex-wrap items-end gap-6 rounded-lg bg-white p-4 shadow-sm">
      <label className="flex flex-col text-sm">
        <span className="text-slate-600">{t("from")}</span>
        <input type="date" name="from" defaultValue={from} className="mt-1 rounded border border-slate-300 px-2 py-1" />
      </label>
      <label className="flex flex-col text-sm">
        <span className="text-slate-600">{t("to")}</span>
        <input type="date" name="to" defaultValue={to} className="mt-1 rounded border border-slate-300 px-2 py-1" />
      </label>
      <fieldset className="text-sm">
        <legend className="text-slate-600">{t("kind")}</legend>
        <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          {TRANSACTION_KINDS.map((kind) => (
            <label key={kind} className="flex items-center gap-1">
              <input type="checkbox" name="kind" value={kind} defaultChecked={kinds.includes(kind)} />
              {tKinds(kind)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="flex items-center gap-4">
        <button type="submit" className="rounded bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800">
          {t("apply")}
        </button>
        <Link href={action} className="text-sm text-blue-700 underline">
          {t("clear")}
        </Link>
      </div>
    </form>
  );
}
