/**
 * Date and card formatting shared by the portal's server and client components. Pure Intl, so the
 * server's first page and the rows "Load more" adds are formatted identically.
 */
import { isLocale, type Locale } from "@/lib/i18n/locales";

const dateFormatters = new Map<string, Intl.DateTimeFormat>();
const timeFormatters = new Map<string, Intl.DateTimeFormat>();

function cached(map: Map<string, Intl.DateTimeFormat>, key: string, make: () => Intl.DateTimeFormat) {
  let formatter = map.get(key);
  if (!formatter) {
    formatter = make();
    map.set(key, formatter);
  }
  return formatter;
}

/** The portal's locale from next-intl's string (anything unknown is English). */
export function portalLocale(value: string): Locale {
  return isLocale(value) ? value : "en";
}

/**
 * A business date (YYYY-MM-DD) as "Nov 21, 2026" / "21 nov. 2026". It is a calendar day, not an
 * instant: formatted at noon UTC in UTC so no time zone can move it to the day before or after.
 */
export function formatBusinessDate(date: string, locale: Locale): string {
  return cached(dateFormatters, locale, () => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" })).format(
    new Date(`${date}T12:00:00Z`),
  );
}

/** The wall-clock time of an instant in the business's time zone: "3:04 PM" / "15 h 04". */
export function formatTimeOfDay(isoInstant: string, timeZone: string, locale: Locale): string {
  return cached(timeFormatters, `${locale}|${timeZone}`, () => new Intl.DateTimeFormat(locale, { timeStyle: "short", timeZone })).format(
    new Date(isoInstant),
  );
}

/** A card or bank number reduced to its last four digits. */
export function maskedNumber(last4: string): string {
  return `•••• ${last4}`;
}
