/** Dates on the QuickBooks pages, in the reader's language and the business's time zone. */
export function formatDateTime(value: Date, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeStyle: "short", timeZone }).format(value);
}

/**
 * A business date (YYYY-MM-DD) spelled out, "November 21, 2026" / "21 novembre 2026", for the QuickBooks
 * and support pages; the portal's tables use the shorter formatBusinessDate of lib/portal/display-format.
 * A calendar date, with no time zone shift.
 */
export function formatBusinessDateLong(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${date}T12:00:00Z`));
}
