import { useTranslations } from "next-intl";
import { SUPPORT_CONNECTION_STATES } from "@/lib/support/connection-state";
import type { SupportSearch } from "@/lib/support/search";

/** Support's search box and filters: a plain GET form, so every search is a link support can share. */
export function SupportSearchForm({ search }: { search: Partial<SupportSearch> }) {
  const t = useTranslations("support.search");
  const ts = useTranslations("support.state");
  const checkbox = (name: "failed" | "stale" | "expiring" | "longPaused") => (
    <label className="flex items-center gap-2 text-sm">
      <input type="checkbox" name={name} value="1" defaultChecked={search[name] === "1"} />
      {t(name)}
    </label>
  );
  return (
    <form method="get" action="/admin" className="space-y-3 rounded-lg bg-white p-4 shadow-sm" role="search">
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex min-w-0 flex-1 flex-col text-sm">
          <span className="font-medium">{t("label")}</span>
          <input name="q" type="search" defaultValue={search.q ?? ""} placeholder={t("placeholder")} className="rounded border px-2 py-1" data-testid="support-search" />
        </label>
        <label className="flex flex-col text-sm">
          <span className="font-medium">{t("state")}</span>
          <select name="state" defaultValue={search.state ?? ""} className="rounded border px-2 py-1">
            <option value="">{t("anyState")}</option>
            {SUPPORT_CONNECTION_STATES.map((state) => (
              <option key={state} value={state}>
                {ts(state)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800">
          {t("button")}
        </button>
      </div>
      <div className="flex flex-wrap gap-x-6 gap-y-2">
        {checkbox("failed")}
        {checkbox("stale")}
        {checkbox("expiring")}
        {checkbox("longPaused")}
      </div>
    </form>
  );
}
