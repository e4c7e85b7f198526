"use server";

import { z } from "zod";
import { validatedAction } from "@/app/_server/action";
import { requirePermission } from "@/app/_server/session";
import { sendSyncRequested } from "@/inngest/send";
import { getDb } from "@/lib/database";
import { findConnection } from "@/lib/quickbooks/connection/connection-record";
import { businessDateOf } from "@/lib/processor/timezone";
import { dayLedger, type LedgerDay } from "@/lib/sync/day-ledger";
import { markFailedItems, syncNow } from "@/lib/sync/sync-requests";
import { describeDispatch, type SyncNowResult } from "@/lib/sync/sync-now-result";

/** A request waits this long for a local (no Inngest) run before leaving it to finish in the background. */
const LOCAL_WAIT_MS = 25_000;

/** Sync now (owner only): at most once a minute per connection, whatever process serves the request. */
export const syncNowAction = validatedAction(z.object({ merchantId: z.string().min(1) }), async ({ merchantId }): Promise<SyncNowResult> => {
  const access = await requirePermission(merchantId, "quickbooks.manage");
  const result = await syncNow({ db: getDb(), send: sendSyncRequested, waitMs: LOCAL_WAIT_MS }, { businessId: access.business.id, actorUserId: access.user.id, trigger: "manual" });
  return result.outcome === "requested" ? describeDispatch(result.dispatch) : result;
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
  const access = await requirePermission(merchantId, "quickbooks.manage");
  const { moved, dispatch } = await markFailedItems({ db: getDb(), send: sendSyncRequested, waitMs: LOCAL_WAIT_MS }, { businessId: access.business.id, actorUserId: access.user.id, to, itemIds });
  return { moved, sync: dispatch ? describeDispatch(dispatch) : null };
});

/** Older days of the day ledger (owner and accountant: whoever may see the Manage tab's details). */
export const ledgerPageAction = validatedAction(
  z.object({ merchantId: z.string().min(1), before: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
  async ({ merchantId, before }): Promise<LedgerDay[]> => {
    const access = await requirePermission(merchantId, "quickbooks.viewDetails");
    const db = getDb();
    const connection = await findConnection(db, access.business.id);
    if (!connection) return [];
    const today = businessDateOf(new Date(), access.business.timezone);
    return dayLedger(db, { businessId: access.business.id, connectionId: connection.id }, { today, before });
  },
);
