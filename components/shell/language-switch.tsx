"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import type { ActionResult } from "@/lib/action-result";
import { LOCALES, type Locale } from "@/lib/i18n/locales";

/** The server action that stores the language (app/ passes it: components never import app/). */
export type SetLocaleAction = (input: { locale: Locale }) => Promise<ActionResult<unknown>>;

export function LanguageSwitch({ setLocale }: { setLocale: SetLocaleAction }) {
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
          const next = event.target.value as Locale;
          startTransition(async () => {
            const result = await setLocale({ locale: next });
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
