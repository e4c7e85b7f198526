import type { Locale } from "./locales";

const formatters = new Map<string, Intl.NumberFormat>();

/** Formats integer minor units (cents) for a locale: "$12.99" in English, "12,99 $" in Canadian French. */
export function formatMoney(minor: number, currency: "CAD" | "USD", locale: Locale): string {
  const key = `${locale}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: "currency", currency, currencyDisplay: "narrowSymbol" });
    formatters.set(key, formatter);
  }
  return formatter.format(minor / 100);
}
