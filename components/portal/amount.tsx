import type { Locale } from "@/lib/i18n/locales";
import { formatMoney } from "@/lib/i18n/money";

/** A money amount in minor units, in the user's locale; negative amounts read in red. */
export function Amount({ minor, currency, locale, strong = false }: { minor: number; currency: "CAD" | "USD"; locale: Locale; strong?: boolean }) {
  // A deduction of nothing is -0 once negated, which Intl prints as "-$0.00".
  const value = minor === 0 ? 0 : minor;
  return (
    <span className={`whitespace-nowrap tabular-nums ${value < 0 ? "text-red-700" : ""} ${strong ? "font-semibold" : ""}`}>
      {formatMoney(value, currency, locale)}
    </span>
  );
}
