import { cron } from "inngest";
import type { Db } from "@/db/client";
import { getDb } from "@/lib/database";
import type { Refresher } from "@/lib/quickbooks/token-store";
import { KEEP_ALIVE_CRON, keepTokensAlive, type StepRunner } from "@/lib/sync/scheduled-jobs";
import { inngest } from "../client";

export interface TokenKeepAliveDeps {
  db: () => Db;
  now?: () => Date;
  /** Replaces the Intuit refresh (tests). */
  refresh?: Refresher;
  pageSize?: number;
}

/**
 * Daily: keeps the tokens of Active and Paused connections alive and flags refresh tokens close to
 * their hard expiry (lib/sync/scheduled-jobs.ts, which the local schedule runs too), a page per
 * step so a retry repeats one page only.
 */
export function createTokenKeepAlive(deps: TokenKeepAliveDeps) {
  return inngest.createFunction(
    { id: "token-keep-alive", name: "Keep QuickBooks tokens alive", triggers: [cron(KEEP_ALIVE_CRON)], concurrency: { limit: 1 } },
    async ({ step }) => {
      const now = await step.run("read-clock", () => (deps.now?.() ?? new Date()).toISOString());
      const runStep: StepRunner = (id, work) => step.run(id, work) as ReturnType<typeof work>;
      return keepTokensAlive({ db: deps.db, now: new Date(now), step: runStep, refresh: deps.refresh, pageSize: deps.pageSize });
    },
  );
}

export const tokenKeepAlive = createTokenKeepAlive({ db: getDb });
