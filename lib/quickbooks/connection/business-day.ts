import { businessDateOf } from "@/lib/processor/timezone";

/** "Now", injectable: tests move it to check the one-year pause rule and dated mapping versions. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

/** Today's date (YYYY-MM-DD) in the business's own time zone: what "the day of connection" means. */
export function businessToday(clock: Clock, timeZone: string): string {
  return businessDateOf(clock(), timeZone);
}

/** Whole calendar days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
