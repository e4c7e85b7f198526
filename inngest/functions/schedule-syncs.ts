import { cron } from "inngest";
import type { Db } from "@/db/client";
import { getDb } from "@/lib/database";
import { FAN_OUT_CRON, fanOutDueConnections, type StepRunner } from "@/lib/sync/scheduled-jobs";
import { inngest } from "../client";
import { syncRequested } from "../events";

export interface ScheduleSyncsDeps {
  db: () => Db;
  now?: () => Date;
  pageSize?: number;
}

/**
 * Hourly: finds the connections whose business day has ended with something to post, one page per
 * step, and sends one sync event per connection, a page at a time in one bulk send. The work itself
 * happens in the per-connection function, spread over Inngest's workers. The job is
 * lib/sync/scheduled-jobs.ts, which the local schedule runs too.
 */
export function createScheduleSyncs(deps: ScheduleSyncsDeps) {
  return inngest.createFunction(
    {
      id: "schedule-syncs",
      name: "Daily syncs: fan out due connections",
      triggers: [cron(FAN_OUT_CRON)],
      // One fan-out at a time: a slow hour never overlaps the next.
      concurrency: { limit: 1 },
    },
    async ({ step }) => {
      // Memoized, so every page (and every retry of a page) judges "due" at the same instant.
      const now = await step.run("read-clock", () => (deps.now?.() ?? new Date()).toISOString());
      // step.run's result is the JSON of the work's result; every page here is plain JSON already.
      const runStep: StepRunner = (id, work) => step.run(id, work) as ReturnType<typeof work>;
      return fanOutDueConnections({
        db: deps.db,
        now: new Date(now),
        step: runStep,
        pageSize: deps.pageSize,
        dispatch: async (connections, page) => {
          await step.sendEvent(
            `send-page-${page}`,
            connections.map((c) => syncRequested.create({ connectionId: c.connectionId, realmId: c.realmId, trigger: "schedule", through: c.through })),
          );
        },
      });
    },
  );
}

export const scheduleSyncs = createScheduleSyncs({ db: getDb });
