/** Dates on the QuickBooks pages, in the reader's language and the business's time zone. */
export function formatDateTime(value: Date, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeStyle: "short", timeZone }).format(value);
}

/** A business date (YYYY-MM-DD) as a calendar date, with no time zone shift. */
export function formatBusinessDate(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${date}T12:00:00Z`));
}
