import type { Locale } from "@/lib/i18n/locales";
import { formatMoney } from "@/lib/i18n/money";

/** A money amount in minor units, in the user's locale; negative amounts read in red. */
export function Amount({ minor, currency, locale, strong = false }: { minor: number; currency: "CAD" | "USD"; locale: Locale; strong?: boolean }) {
  return (
    <span className={`whitespace-nowrap tabular-nums ${minor < 0 ? "text-red-700" : ""} ${strong ? "font-semibold" : ""}`}>
      {formatMoney(minor, currency, locale)}
    </span>
  );
}
