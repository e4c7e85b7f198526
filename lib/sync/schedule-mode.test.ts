import { describe, expect, it } from "vitest";
import { nextScheduledSync } from "@/lib/quickbooks/connection/sync-schedule";
import { automaticSyncs, scheduleMode } from "./schedule-mode";

const local = { INNGEST_EVENT_KEY: undefined, INNGEST_BASE_URL: undefined } as const;

describe("who runs the daily syncs", () => {
  it("is Inngest when configured, else the portal's own schedule unless SYNC_SCHEDULE=off", () => {
    expect(scheduleMode({ ...local, SYNC_SCHEDULE: "on" })).toBe("local");
    expect(scheduleMode({ ...local, SYNC_SCHEDULE: "off" })).toBe("off");
    expect(scheduleMode({ INNGEST_EVENT_KEY: "key", INNGEST_BASE_URL: undefined, SYNC_SCHEDULE: "off" })).toBe("inngest");
    expect(scheduleMode({ INNGEST_EVENT_KEY: undefined, INNGEST_BASE_URL: "http://localhost:8288", SYNC_SCHEDULE: "on" })).toBe("inngest");
  });

  it("promises the first hourly tick after the business day ends, and nothing when no schedule runs", () => {
    // 2026-11-20 15:00 in Toronto: the day ends at 05:00 UTC on the 21st, an hourly tick.
    const clock = () => new Date("2026-11-20T20:00:00Z");
    expect(nextScheduledSync(clock, "America/Toronto", automaticSyncs({ ...local, SYNC_SCHEDULE: "on" }))?.toISOString()).toBe("2026-11-21T05:00:00.000Z");
    // St. John's is UTC-3:30: its midnight is 03:30 UTC, so the first tick after it is 04:00.
    expect(nextScheduledSync(clock, "America/St_Johns", "scheduled")?.toISOString()).toBe("2026-11-21T04:00:00.000Z");
    expect(nextScheduledSync(clock, "America/Toronto", automaticSyncs({ ...local, SYNC_SCHEDULE: "off" }))).toBeNull();
  });
});
