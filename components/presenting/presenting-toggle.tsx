import { getTranslations } from "next-intl/server";

/** The shell's presenting mode switch (a form: works before any script runs). */
export async function PresentingToggle({ on, setPresenting }: { on: boolean; setPresenting: (form: FormData) => Promise<void> }) {
  const t = await getTranslations("accountant.presenting");
  return (
    <form action={setPresenting}>
      <input type="hidden" name="presenting" value={on ? "off" : "on"} />
      <button type="submit" className="text-sm text-slate-700 underline" data-testid="presenting-toggle" aria-pressed={on}>
        {on ? t("turnOff") : t("turnOn")}
      </button>
    </form>
  );
}

export async function PresentingBanner() {
  const t = await getTranslations("accountant.presenting");
  return (
    <div role="status" className="mb-4 rounded border border-violet-300 bg-violet-50 px-4 py-2 font-medium text-violet-900 print:hidden" data-testid="presenting-banner">
      {t("banner")}
    </div>
  );
}
