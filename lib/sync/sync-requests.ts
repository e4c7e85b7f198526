/**
 * The runs a person asks for — Sync now, and Ready to sync on failed items — whoever asks (the
 * owner from the Manage tab, support from the console): the same once-a-minute limit, the same
 * audit entry and the same dispatcher. Callers check who may ask; this is what asking does.
 */
import type { Db } from "@/db/client";
import { recordAudit } from "@/lib/audit/record";
import { findConnection } from "@/lib/quickbooks/connection/connection-record";
import { requestSync, syncNowWaitSeconds, type SyncDispatch, type SyncEventSender } from "./dispatch";
import { markReadyToSync, markResolved } from "./failed-items";

export const SYNC_REQUESTED_ACTION = "quickbooks.sync_requested";

export interface SyncRequestDeps {
  db: Db;
  send: SyncEventSender;
  /** How long a local run is awaited before it is left to finish in the background. */
  waitMs?: number;
}

export type SyncNowOutcome = { outcome: "rate_limited"; seconds: number } | { outcome: "not_active" } | { outcome: "requested"; dispatch: SyncDispatch };

/** Sync now: at most once a minute per connection; audited (with the reason, if one was given) before the run starts. */
export async function syncNow(
  deps: SyncRequestDeps,
  input: { businessId: string; actorUserId: string; trigger: "manual" | "support"; reason?: string },
): Promise<SyncNowOutcome> {
  const connection = await findConnection(deps.db, input.businessId);
  if (!connection) return { outcome: "not_active" };
  const connectionId = connection.id;
  const seconds = await syncNowWaitSeconds(deps.db, connectionId);
  if (seconds > 0) return { outcome: "rate_limited", seconds };
  const after = input.reason === undefined ? { connectionId, trigger: input.trigger } : { connectionId, trigger: input.trigger, reason: input.reason };
  await recordAudit(deps.db, { businessId: input.businessId, actorUserId: input.actorUserId, action: SYNC_REQUESTED_ACTION, after });
  const dispatch = await requestSync({ db: deps.db, send: deps.send, waitMs: deps.waitMs }, { connectionId, trigger: input.trigger });
  return dispatch.mode === "not_active" ? { outcome: "not_active" } : { outcome: "requested", dispatch };
}

/**
 * Moves failed items of the business's connection to Ready to sync (then asks for a run at once)
 * or to Resolved (entered by hand: never attempted again). Items of another connection are ignored.
 */
export async function markFailedItems(
  deps: SyncRequestDeps,
  input: { businessId: string; actorUserId: string; to: "ready_to_sync" | "resolved"; itemIds: string[]; reason?: string },
): Promise<{ moved: number; dispatch: SyncDispatch | null }> {
  const connection = await findConnection(deps.db, input.businessId);
  if (!connection) return { moved: 0, dispatch: null };
  const moved =
    input.to === "ready_to_sync"
      ? await markReadyToSync(deps.db, input.businessId, connection.id, input.itemIds, input.actorUserId, input.reason)
      : await markResolved(deps.db, input.businessId, connection.id, input.itemIds, input.actorUserId);
  const dispatch =
    input.to === "ready_to_sync" && moved.length > 0 ? await requestSync({ db: deps.db, send: deps.send, waitMs: deps.waitMs }, { connectionId: connection.id, trigger: "retry" }) : null;
  return { moved: moved.length, dispatch };
}
