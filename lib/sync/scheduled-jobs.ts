import type { Db } from "@/db/client";
import type { Refresher } from "@/lib/quickbooks/token-store";
import { dueConnectionsPage, type DueConnection } from "./due-connections";
import { flagExpiringTokens, refreshTokensOf, staleTokenPage, type KeepAliveOutcome } from "./keep-alive";

/**
 * The scheduled jobs, written once and run by two triggers: the Inngest functions
 * (inngest/functions/) when Inngest is configured, the portal's in-process schedule
 * (local-schedule.ts) otherwise. Both use these cron patterns (UTC).
 */
export const FAN_OUT_CRON = "0 * * * *";
export const KEEP_ALIVE_CRON = "30 7 * * *";
/** Hourly, off the fan-out's minute: the notification causes found by looking (lib/notify/causes.ts). */
export const NOTIFICATION_CAUSES_CRON = "15 * * * *";

/** Connections read per page of the fan-out; 500 keeps each Inngest step's payload small (< 100 kB). */
const SCHEDULE_PAGE_SIZE = 500;
const KEEP_ALIVE_PAGE_SIZE = 100;

/**
 * Runs one unit of a job. Inngest passes `step.run` (each page memoized, so a retry repeats one
 * page only); the local schedule runs the work directly.
 */
export type StepRunner = <T>(id: string, work: () => Promise<T>) => Promise<T>;
export const runDirectly: StepRunner = (_id, work) => work();

export interface FanOutDeps {
  db: () => Db;
  /** The instant that decides what is due, the same for every page. */
  now: Date;
  step: StepRunner;
  /** Hands one page of due connections on: Inngest sends one event each, the local schedule syncs them. */
  dispatch: (connections: DueConnection[], page: number) => Promise<void>;
  pageSize?: number;
}

/**
 * Hourly: the connections whose business day has ended with something to post, a page at a time
 * (keyset pages, so a page costs the same at any depth), each page handed to `dispatch`.
 */
export async function fanOutDueConnections(deps: FanOutDeps): Promise<{ pages: number; sent: number }> {
  const pageSize = deps.pageSize ?? SCHEDULE_PAGE_SIZE;
  let after: string | null = null;
  let pages = 0;
  let sent = 0;
  do {
    const page = await deps.step(`load-page-${pages}`, () => dueConnectionsPage(deps.db(), { now: deps.now, after, pageSize }));
    if (page.connections.length > 0) {
      await deps.dispatch(page.connections, pages);
      sent += page.connections.length;
    }
    after = page.next;
    pages += 1;
  } while (after);
  return { pages, sent };
}

export interface KeepAliveDeps {
  db: () => Db;
  now: Date;
  step: StepRunner;
  /** Replaces the Intuit refresh (tests). */
  refresh?: Refresher;
  pageSize?: number;
}

export interface KeepAliveSummary extends KeepAliveOutcome {
  flagged: string[];
}

/**
 * Daily: refreshes the tokens of Active and Paused connections not refreshed for 30 days (well
 * inside Intuit's 100 days), a page per step, then records a warning for each connection whose
 * refresh token hard-expires within 30 days.
 */
export async function keepTokensAlive(deps: KeepAliveDeps): Promise<KeepAliveSummary> {
  const pageSize = deps.pageSize ?? KEEP_ALIVE_PAGE_SIZE;
  let after: string | null = null;
  let pages = 0;
  const totals: KeepAliveOutcome = { refreshed: 0, refused: [], failed: [] };
  do {
    const page = await deps.step(`refresh-page-${pages}`, async () => {
      const stale = await staleTokenPage(deps.db(), { now: deps.now, after, pageSize });
      return { ...(await refreshTokensOf(deps.db(), stale.connectionIds, deps.refresh)), next: stale.next };
    });
    totals.refreshed += page.refreshed;
    totals.refused.push(...page.refused);
    totals.failed.push(...page.failed);
    after = page.next;
    pages += 1;
  } while (after);
  const flagged = await deps.step("flag-expiring", () => flagExpiringTokens(deps.db(), deps.now));
  return { ...totals, flagged };
}
