/**
 * Calendar arithmetic in a business's IANA timezone with Intl only (no date library): what
 * "business date" means everywhere, and local wall-clock times for the demo generator.
 * Formatters are cached per zone because building one costs far more than using it, and a batch
 * holds tens of thousands of timestamps.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** An IANA zone name Intl knows ("America/Toronto", "UTC"); offsets like "+05:00" are not zones. */
export function isValidTimeZone(timeZone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(timeZone)) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(instant: Date, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** The calendar date (YYYY-MM-DD) of an instant in a zone: 23:30 in Toronto is that day, not UTC's. */
export function businessDateOf(instant: Date, timeZone: string): string {
  const c = wallClock(instant, timeZone);
  return `${pad(c.year, 4)}-${pad(c.month)}-${pad(c.day)}`;
}

/** The zone's offset from UTC at an instant, in minutes (Toronto in winter: −300). */
export function offsetMinutesAt(instant: Date, timeZone: string): number {
  const c = wallClock(instant, timeZone);
  const asUtc = Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second);
  const wholeSeconds = Math.floor(instant.getTime() / 1000) * 1000;
  return Math.round((asUtc - wholeSeconds) / 60_000);
}

/**
 * The instant a wall-clock time on a date happens in a zone. A time inside a DST gap (02:30 on the
 * spring-forward day) moves forward by the gap; a repeated time (fall back) takes the first one.
 */
export function zonedTimeToInstant(date: string, secondsOfDay: number, timeZone: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  const naive = Date.UTC(y, m - 1, d) + secondsOfDay * 1000;
  const first = offsetMinutesAt(new Date(naive), timeZone);
  const second = offsetMinutesAt(new Date(naive - first * 60_000), timeZone);
  const fits = [first, second].filter((offset) => offsetMinutesAt(new Date(naive - offset * 60_000), timeZone) === offset);
  // Fitting offsets: the larger is the earlier instant. None fit in a gap: the offset before the
  // transition (the smaller) puts the time after it, shifted by the gap.
  const offset = fits.length ? Math.max(...fits) : Math.min(first, second);
  return new Date(naive - offset * 60_000);
}

/** ISO 8601 with the zone's offset, e.g. "2026-11-20T15:04:05-05:00": how the processor sends times. */
export function formatInZone(instant: Date, timeZone: string): string {
  const c = wallClock(instant, timeZone);
  const offset = offsetMinutesAt(instant, timeZone);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return (
    `${pad(c.year, 4)}-${pad(c.month)}-${pad(c.day)}T${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** Date-only arithmetic on YYYY-MM-DD strings (calendar days, no zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): number {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** A real calendar date in YYYY-MM-DD form (rejects 2026-02-30). */
export function isValidDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  return addDays(date, 0) === date;
}
