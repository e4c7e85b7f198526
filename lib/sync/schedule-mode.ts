import { env, type Env } from "@/lib/env";
import type { AutomaticSyncs } from "@/lib/quickbooks/connection/sync-schedule";
import { usesInngest } from "./dispatch";

/**
 * Who runs the daily syncs: Inngest's crons (Inngest configured), the portal's in-process schedule
 * (local mode), or nobody (local mode with SYNC_SCHEDULE=off).
 */
export type ScheduleMode = "inngest" | "local" | "off";

export function scheduleMode(e: Pick<Env, "INNGEST_EVENT_KEY" | "INNGEST_BASE_URL" | "SYNC_SCHEDULE"> = env()): ScheduleMode {
  if (usesInngest(e)) return "inngest";
  return e.SYNC_SCHEDULE === "off" ? "off" : "local";
}

/** What the "Next scheduled sync" lines need to know: does any schedule run at all? */
export function automaticSyncs(e?: Parameters<typeof scheduleMode>[0]): AutomaticSyncs {
  return scheduleMode(e) === "off" ? "off" : "scheduled";
}
