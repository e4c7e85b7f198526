import { getDb } from "@/lib/database";
import { LocalSchedule } from "./local-schedule";
import { scheduleMode } from "./schedule-mode";

// On globalThis: Next may load this module more than once in one server process (route bundles).
const holder = globalThis as typeof globalThis & { settlebooksLocalSchedule?: LocalSchedule };

/**
 * Starts the portal process's schedule once (from instrumentation.ts), when the local mode runs it:
 * no Inngest configured and SYNC_SCHEDULE not off. Stops it on SIGTERM so no new tick starts while
 * the server shuts down (a tick cut short is safe: its claim expires and the engine never posts twice).
 */
export function startLocalSchedule(): LocalSchedule | null {
  if (scheduleMode() !== "local") return null;
  if (holder.settlebooksLocalSchedule) return holder.settlebooksLocalSchedule;
  const schedule = new LocalSchedule({ db: getDb });
  holder.settlebooksLocalSchedule = schedule;
  schedule.start();
  process.once("SIGTERM", () => {
    void schedule.stop();
  });
  console.info("Settlebooks: local sync schedule started (hourly syncs, daily token keep-alive; SYNC_SCHEDULE=off turns it off).");
  return schedule;
}
