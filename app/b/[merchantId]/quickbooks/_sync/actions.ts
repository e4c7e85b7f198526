"use server";

import { eq } from "drizzle-orm";
import { z } from "zod";
import { validatedAction } from "@/app/_server/action";
import { requirePermission } from "@/app/_server/session";
import { qboConnections } from "@/db/schema";
import { sendSyncRequested } from "@/inngest/send";
import { recordAudit } from "@/lib/audit/record";
import { getDb } from "@/lib/database";
import { businessDateOf } from "@/lib/processor/timezone";
import { dayLedger, type LedgerDay } from "@/lib/sync/day-ledger";
import { requestSync, syncNowWaitSeconds } from "@/lib/sync/dispatch";
import { markReadyToSync, markResolved } from "@/lib/sync/failed-items";
import { describeDispatch, type SyncNowResult } from "@/lib/sync/sync-now-result";

/** A request waits this long for a local (no Inngest) run before leaving it to finish in the background. */
const LOCAL_WAIT_MS = 25_000;

async function ownerConnection(merchantId: string) {
  const access = await requirePermission(merchantId, "quickbooks.manage");
  const db = getDb();
  const [connection] = await db.select({ id: qboConnections.id }).from(qboConnections).where(eq(qboConnections.businessId, access.business.id));
  return { access, db, connectionId: connection?.id ?? null };
}

/** Sync now (owner only): at most once a minute per connection, whatever process serves the request. */
export const syncNowAction = validatedAction(z.object({ merchantId: z.string().min(1) }), async ({ merchantId }): Promise<SyncNowResult> => {
  const { access, db, connectionId } = await ownerConnection(merchantId);
  if (!connectionId) return { outcome: "not_active" };
  const seconds = await syncNowWaitSeconds(db, connectionId);
  if (seconds > 0) return { outcome: "rate_limited", seconds };
  await recordAudit(db, { businessId: access.business.id, actorUserId: access.user.id, action: "quickbooks.sync_requested", after: { connectionId, trigger: "manual" } });
  return describeDispatch(await requestSync({ db, send: sendSyncRequested, waitMs: LOCAL_WAIT_MS }, { connectionId, trigger: "manual" }));
});

const markSchema = z.object({
  merchantId: z.string().min(1),
  to: z.enum(["ready_to_sync", "resolved"]),
  itemIds: z.array(z.uuid()).min(1, "Choose at least one item.").max(500),
});

/**
 * Ready to sync / Resolved on one failed item or a selection (owner only; the items must be failed
 * items of this business's connection). Ready to sync also starts a run right away.
 */
export const markFailedItemsAction = validatedAction(markSchema, async ({ merchantId, to, itemIds }) => {
  const { access, db, connectionId } = await ownerConnection(merchantId);
  if (!connectionId) return { moved: 0, sync: null };
  const mark = to === "ready_to_sync" ? markReadyToSync : markResolved;
  const moved = await mark(db, access.business.id, connectionId, itemIds, access.user.id);
  const sync = to === "ready_to_sync" && moved.length > 0 ? describeDispatch(await requestSync({ db, send: sendSyncRequested, waitMs: LOCAL_WAIT_MS }, { connectionId, trigger: "retry" })) : null;
  return { moved: moved.length, sync };
});

/** Older days of the day ledger (owner and accountant: whoever may see the Manage tab's details). */
export const ledgerPageAction = validatedAction(
  z.object({ merchantId: z.string().min(1), before: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
  async ({ merchantId, before }): Promise<LedgerDay[]> => {
    const access = await requirePermission(merchantId, "quickbooks.viewDetails");
    const db = getDb();
    const [connection] = await db.select({ id: qboConnections.id }).from(qboConnections).where(eq(qboConnections.businessId, access.business.id));
    if (!connection) return [];
    const today = businessDateOf(new Date(), access.business.timezone);
    return dayLedger(db, { businessId: access.business.id, connectionId: connection.id }, { today, before });
  },
);
