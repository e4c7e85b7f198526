import { cron } from "inngest";
import type { Db } from "@/db/client";
import { getDb } from "@/lib/database";
import type { Refresher } from "@/lib/quickbooks/token-store";
import { flagExpiringTokens, refreshTokensOf, staleTokenPage, type KeepAliveOutcome } from "@/lib/sync/keep-alive";
import { inngest } from "../client";

export const KEEP_ALIVE_PAGE_SIZE = 100;

export interface TokenKeepAliveDeps {
  db: () => Db;
  now?: () => Date;
  /** Replaces the Intuit refresh (tests). */
  refresh?: Refresher;
  pageSize?: number;
}

/**
 * Daily: refreshes the tokens of Active and Paused connections not refreshed for 30 days (well
 * inside Intuit's 100 days), a page per step so a retry repeats one page only, then records a
 * warning for each connection whose refresh token hard-expires within 30 days.
 */
export function createTokenKeepAlive(deps: TokenKeepAliveDeps) {
  const pageSize = deps.pageSize ?? KEEP_ALIVE_PAGE_SIZE;
  return inngest.createFunction(
    { id: "token-keep-alive", name: "Keep QuickBooks tokens alive", triggers: [cron("30 7 * * *")], concurrency: { limit: 1 } },
    async ({ step }) => {
      const now = await step.run("read-clock", () => (deps.now?.() ?? new Date()).toISOString());
      let after: string | null = null;
      let pages = 0;
      const totals: KeepAliveOutcome = { refreshed: 0, refused: [], failed: [] };
      do {
        const page = await step.run(`refresh-page-${pages}`, async () => {
          const stale = await staleTokenPage(deps.db(), { now: new Date(now), after, pageSize });
          return { ...(await refreshTokensOf(deps.db(), stale.connectionIds, deps.refresh)), next: stale.next };
        });
        totals.refreshed += page.refreshed;
        totals.refused.push(...page.refused);
        totals.failed.push(...page.failed);
        after = page.next;
        pages += 1;
      } while (after);
      const flagged = await step.run("flag-expiring", () => flagExpiringTokens(deps.db(), new Date(now)));
      return { ...totals, flagged };
    },
  );
}

export const tokenKeepAlive = createTokenKeepAlive({ db: getDb });
