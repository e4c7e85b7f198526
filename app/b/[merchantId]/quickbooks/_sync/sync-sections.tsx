import { DayLedger } from "@/components/sync/day-ledger";
import { FailedItems } from "@/components/sync/failed-items";
import { RunsTable } from "@/components/sync/runs-table";
import { SyncStatus } from "@/components/sync/sync-status";
import { businessDateOf } from "@/lib/processor/timezone";
import { dayLedger } from "@/lib/sync/day-ledger";
import { listFailedItems } from "@/lib/sync/failed-items";
import { refreshTokenWarning } from "@/lib/sync/keep-alive";
import { recentRuns } from "@/lib/sync/run-history";
import type { QuickbooksContext } from "../_data/context";
import { ledgerPageAction, markFailedItemsAction, syncNowAction } from "./actions";

interface SyncSectionsProps {
  ctx: QuickbooksContext;
  connection: { id: string; status: string; setupCompletedAt: Date | null; connectedOn: string | null };
}

/**
 * The Manage tab's sync sections, loaded here (components get plain data): the last run's problem,
 * Sync now, the Failed list, the day ledger and the runs. Accountants see everything read-only;
 * the actions are refused on the server to anyone but the owner.
 */
export async function SyncSections({ ctx, connection }: SyncSectionsProps) {
  const { db, business } = ctx;
  const scope = { businessId: business.id, connectionId: connection.id };
  const today = businessDateOf(new Date(), business.timezone);
  const [days, runs, failed, tokenExpiresAt] = await Promise.all([
    dayLedger(db, scope, { today }),
    recentRuns(db, business.id, connection.id, 15),
    listFailedItems(db, business.id, connection.id),
    refreshTokenWarning(db, business.id),
  ]);
  const lastFinished = runs.find((r) => r.status !== "running") ?? null;
  const problemRun = lastFinished && (lastFinished.status === "stopped" || lastFinished.status === "failed") ? lastFinished : null;
  const canSync = ctx.canManage && connection.status === "active" && connection.setupCompletedAt !== null;
  return (
    <div className="space-y-6" data-testid="sync-sections">
      <SyncStatus
        syncNow={syncNowAction}
        merchantId={business.merchantId}
        problemRun={problemRun}
        tokenExpiresAt={tokenExpiresAt}
        canSync={canSync}
        canManage={ctx.canManage}
        locale={ctx.locale}
        timeZone={business.timezone}
      />
      <FailedItems
        merchantId={business.merchantId}
        markFailedItems={markFailedItemsAction}
        items={failed.map(({ updatedAt: _updatedAt, ...item }) => item)}
        canManage={ctx.canManage}
        mappingHref={`${ctx.base}/mapping`}
        locale={ctx.locale}
      />
      <DayLedger
        merchantId={business.merchantId}
        loadOlderDays={ledgerPageAction}
        days={days}
        hasOlder={connection.connectedOn !== null && days.length > 0 && days[days.length - 1].date > connection.connectedOn}
        connectedOn={connection.connectedOn ?? today}
        currency={business.currency}
        locale={ctx.locale}
      />
      <RunsTable runs={runs} locale={ctx.locale} timeZone={business.timezone} />
    </div>
  );
}
