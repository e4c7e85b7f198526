"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { setLocaleAction } from "@/app/actions/preferences";
import { LOCALES } from "@/lib/i18n/locales";

export function LanguageSwitch() {
  const t = useTranslations("common.language");
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <label className="flex items-center gap-2 text-sm">
      <span>{t("label")}</span>
      <select
        aria-label={t("label")}
        value={locale}
        disabled={pending}
        className="rounded border border-slate-300 bg-white px-2 py-1"
        onChange={(event) => {
          const next = event.target.value;
          startTransition(async () => {
            const result = await setLocaleAction({ locale: next });
            if (result.ok) router.refresh();
          });
        }}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(l)}
          </option>
        ))}
      </select>
    </label>
  );
}
