import { eventType } from "inngest";
import { z } from "zod";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date like 2026-11-20");

/**
 * Bring one connection's QuickBooks company up to date. `realmId` is in the event (not looked up)
 * because it is the concurrency key: two businesses can never race on one company.
 */
export const syncRequested = eventType("settlebooks/connection.sync.requested", {
  schema: z.object({
    connectionId: z.uuid(),
    realmId: z.string().min(1),
    trigger: z.enum(["schedule", "manual", "cli", "support", "retry"]),
    /** Last business date to post; absent = the last ended business day (the engine caps it there anyway). */
    through: isoDate.optional(),
  }),
});

/** Notifications were raised: send their emails now rather than at the next minute's pass. */
export const notificationsRaised = eventType("settlebooks/notifications.raised", {
  schema: z.object({ count: z.number().int().min(0).optional() }),
});
