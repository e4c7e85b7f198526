import { RetryAfterError } from "inngest";
import type { Db } from "@/db/client";
import { getDb } from "@/lib/database";
import { syncConnection } from "@/lib/sync/engine";
import { recordSyncFailure } from "@/lib/sync/run-failure";
import { inngest } from "../client";
import { syncRequested } from "../events";

export interface SyncConnectionDeps {
  db: () => Db;
  run?: typeof syncConnection;
}

/**
 * Syncs one connection through the requested (or last ended) business day. One run at a time per
 * QuickBooks company (the realm id: two businesses can never race on one company) and per
 * connection; failed steps are retried by Inngest with exponential backoff, and after the last
 * retry the failure is recorded on the run for the owner.
 */
export function createSyncConnection(deps: SyncConnectionDeps) {
  const run = deps.run ?? syncConnection;
  return inngest.createFunction(
    {
      id: "sync-connection",
      name: "Sync a connection to QuickBooks",
      triggers: [syncRequested],
      concurrency: [
        { key: "event.data.realmId", limit: 1 },
        { key: "event.data.connectionId", limit: 1 },
      ],
      retries: 4,
      onFailure: async ({ event, error }) => {
        const data = event.data.event.data;
        await recordSyncFailure(deps.db(), { connectionId: data.connectionId, trigger: data.trigger, through: data.through, message: error.message });
      },
    },
    async ({ event, step }) => {
      const { connectionId, trigger, through } = event.data;
      const summary = await step.run("sync", async () => {
        const result = await run({ db: deps.db() }, { connectionId, trigger, through });
        // A run started elsewhere (the CLI, Sync now in local mode) holds the connection: try again
        // after it, so what this event asked for (e.g. items just marked ready) is not lost.
        if (result.status === "already_running") throw new RetryAfterError(result.message ?? "Another sync is running.", "2m");
        return result;
      });
      return summary;
    },
  );
}

export const syncConnectionFn = createSyncConnection({ db: getDb });
