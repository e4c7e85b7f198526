import { cron } from "inngest";
import type { Db } from "@/db/client";
import { getDb } from "@/lib/database";
import { dueConnectionsPage } from "@/lib/sync/due-connections";
import { inngest } from "../client";
import { syncRequested } from "../events";

/** Connections read and events sent per step; 500 keeps each step's payload small (< 100 kB). */
export const SCHEDULE_PAGE_SIZE = 500;

export interface ScheduleSyncsDeps {
  db: () => Db;
  now?: () => Date;
  pageSize?: number;
}

/**
 * Hourly: finds the connections whose business day has ended with something to post, one page per
 * step, and sends one sync event per connection, a page at a time in one bulk send. The work itself
 * happens in the per-connection function, spread over Inngest's workers.
 */
export function createScheduleSyncs(deps: ScheduleSyncsDeps) {
  const pageSize = deps.pageSize ?? SCHEDULE_PAGE_SIZE;
  return inngest.createFunction(
    {
      id: "schedule-syncs",
      name: "Daily syncs: fan out due connections",
      triggers: [cron("0 * * * *")],
      // One fan-out at a time: a slow hour never overlaps the next.
      concurrency: { limit: 1 },
    },
    async ({ step }) => {
      // Memoized, so every page (and every retry of a page) judges "due" at the same instant.
      const now = await step.run("read-clock", () => (deps.now?.() ?? new Date()).toISOString());
      let after: string | null = null;
      let pages = 0;
      let sent = 0;
      do {
        const page = await step.run(`load-page-${pages}`, () => dueConnectionsPage(deps.db(), { now: new Date(now), after, pageSize }));
        if (page.connections.length > 0) {
          await step.sendEvent(
            `send-page-${pages}`,
            page.connections.map((c) => syncRequested.create({ connectionId: c.connectionId, realmId: c.realmId, trigger: "schedule", through: c.through })),
          );
          sent += page.connections.length;
        }
        after = page.next;
        pages += 1;
      } while (after);
      return { pages, sent };
    },
  );
}

export const scheduleSyncs = createScheduleSyncs({ db: getDb });
