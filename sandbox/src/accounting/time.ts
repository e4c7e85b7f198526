/**
 * QuickBooks writes times in the company's (Pacific) zone with an offset, e.g.
 * "2026-11-27T18:47:24.123-08:00". The offset follows US daylight saving.
 */
const PACIFIC = new Intl.DateTimeFormat("en-US", {
  timeZone: "America/Los_Angeles",
  hourCycle: "h23",
  year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
});

/** Pacific offset in minutes (e.g. -480), cached per UTC hour: Intl formatting is slow and offsets change on the hour. */
const offsets = new Map<number, number>();

function offsetMinutes(date: Date): number {
  const hour = Math.floor(date.getTime() / 3_600_000);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    const parts: Record<string, string> = {};
    for (const p of PACIFIC.formatToParts(new Date(hour * 3_600_000))) parts[p.type] = p.value;
    const asUtc = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
    offset = Math.round((asUtc - hour * 3_600_000) / 60_000);
    if (offsets.size > 10_000) offsets.clear();
    offsets.set(hour, offset);
  }
  return offset;
}

/** Calendar fields of the Pacific wall clock at `date`. */
function pacificParts(date: Date): Record<string, string> {
  const local = new Date(date.getTime() + offsetMinutes(date) * 60_000);
  const two = (n: number) => String(n).padStart(2, "0");
  return {
    year: String(local.getUTCFullYear()), month: two(local.getUTCMonth() + 1), day: two(local.getUTCDate()),
    hour: two(local.getUTCHours()), minute: two(local.getUTCMinutes()), second: two(local.getUTCSeconds()),
  };
}

/** Response `time` values: with milliseconds. */
export function qboTime(date: Date): string {
  return format(date, true);
}

/** MetaData times: whole seconds. */
export function qboDateTime(date: Date): string {
  return format(date, false);
}

function format(date: Date, millis: boolean): string {
  const p = pacificParts(date);
  const off = offsetMinutes(date);
  const sign = off < 0 ? "-" : "+";
  const abs = Math.abs(off);
  const ms = millis ? `.${String(date.getUTCMilliseconds()).padStart(3, "0")}` : "";
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${ms}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** The company's calendar day for `now` (QuickBooks' default TxnDate). */
export function qboDate(date: Date): string {
  const p = pacificParts(date);
  return `${p.year}-${p.month}-${p.day}`;
}

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
