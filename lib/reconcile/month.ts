import { z } from "zod";

/** A calendar month as the reconciliation's address carries it: YYYY-MM. */
export const monthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "A month is written YYYY-MM, for example 2026-10.");

/** First and last calendar dates of a month (YYYY-MM-DD). */
export function monthBounds(month: string): { first: string; last: string } {
  const [year, m] = monthSchema.parse(month).split("-").map(Number);
  const lastDay = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return { first: `${month}-01`, last: `${month}-${String(lastDay).padStart(2, "0")}` };
}

/** The month before the given business date's month, the default one to reconcile (the last whole month). */
export function previousMonth(businessDate: string): string {
  const [year, m] = businessDate.split("-").map(Number);
  const date = new Date(Date.UTC(year, m - 2, 1));
  return date.toISOString().slice(0, 7);
}
