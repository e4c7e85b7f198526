import { addDays, zonedTimeToInstant } from "@/lib/processor/timezone";
import { businessToday, type Clock } from "./business-day";

const HOUR_MS = 3_600_000;

/**
 * Whether anything runs the daily syncs: Inngest's crons or the portal's own schedule
 * ("scheduled"), or nothing (the local mode with SYNC_SCHEDULE=off). lib/sync/schedule-mode.ts
 * decides it from the environment.
 */
export type AutomaticSyncs = "scheduled" | "off";

/**
 * When the next scheduled sync will post, or null when no schedule runs: the sync runs every hour
 * and posts each business day once it has ended in the business's time zone, so today's data goes
 * at the first hourly run at or after the coming midnight there.
 */
export function nextScheduledSync(clock: Clock, timeZone: string, syncs: AutomaticSyncs): Date | null {
  if (syncs === "off") return null;
  const endOfToday = zonedTimeToInstant(addDays(businessToday(clock, timeZone), 1), 0, timeZone);
  return new Date(Math.ceil(endOfToday.getTime() / HOUR_MS) * HOUR_MS);
}
