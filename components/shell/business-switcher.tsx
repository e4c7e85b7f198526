"use client";

import { useTranslations } from "next-intl";
import { useRouter, useSelectedLayoutSegment } from "next/navigation";

export type BusinessChoice = { merchantId: string; legalName: string };

/** Moves to the same section of another business the user belongs to. */
export function BusinessSwitcher({ current, choices }: { current: string; choices: BusinessChoice[] }) {
  const t = useTranslations("common.business");
  const router = useRouter();
  // Only the top section is kept: a deposit of one business means nothing in another.
  const section = useSelectedLayoutSegment() ?? "overview";
  return (
    <label className="block text-sm">
      <span className="text-slate-500">{t("switcherLabel")}</span>
      <select
        aria-label={t("switcherLabel")}
        value={current}
        className="mt-1 w-full rounded border border-slate-300 bg-white px-2 py-1"
        onChange={(event) => router.push(`/b/${encodeURIComponent(event.target.value)}/${section}`)}
      >
        {choices.map((c) => (
          <option key={c.merchantId} value={c.merchantId}>
            {c.legalName}
          </option>
        ))}
      </select>
    </label>
  );
}
