import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { qboConnections } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { requestSync, syncNowWaitSeconds, type SyncDispatch, type SyncEventSender } from "@/lib/sync/dispatch";
import { markReadyToSync } from "@/lib/sync/failed-items";

/** Every support action says why, in the support agent's words; the owner reads it in the activity log. */
const supportReasonField = z
  .string()
  .trim()
  .min(3, "Type the reason for this action (at least 3 characters).")
  .max(500, "The reason is too long (500 characters at most).");

const SUPPORT_VIEWED_ACTION = "support.viewed";
const SYNC_REQUESTED_ACTION = "quickbooks.sync_requested";

export interface SupportActor {
  userId: string;
  isSupport: boolean;
}

/** Thrown when someone who is not support reaches a support action (callers answer 404). */
export class NotSupportError extends Error {}

function assertSupport(actor: SupportActor): void {
  if (!actor.isSupport) throw new NotSupportError("Only support may do this.");
}

/** Opening a merchant's page is itself audited: the owner sees who looked and when. */
export async function recordSupportView(db: Db, actor: SupportActor, businessId: string): Promise<void> {
  assertSupport(actor);
  await recordAudit(db, { businessId, actorUserId: actor.userId, action: SUPPORT_VIEWED_ACTION });
}

async function connectionIdOf(db: Db, businessId: string): Promise<string | null> {
  const [row] = await db.select({ id: qboConnections.id }).from(qboConnections).where(eq(qboConnections.businessId, businessId));
  return row?.id ?? null;
}

export type SupportSyncOutcome = { outcome: "rate_limited"; seconds: number } | { outcome: "not_active" } | { outcome: "requested"; dispatch: SyncDispatch };

interface SyncDeps {
  db: Db;
  send: SyncEventSender;
  waitMs?: number;
}

/**
 * Support's "Run a sync now": the same once-a-minute limit and the same engine as the owner's
 * Sync now, audited with the support user and the typed reason before the run starts.
 */
export async function supportSyncNow(deps: SyncDeps, actor: SupportActor, input: { businessId: string; reason: string }): Promise<SupportSyncOutcome> {
  assertSupport(actor);
  const reason = supportReasonField.parse(input.reason);
  const connectionId = await connectionIdOf(deps.db, input.businessId);
  if (!connectionId) return { outcome: "not_active" };
  const seconds = await syncNowWaitSeconds(deps.db, connectionId);
  if (seconds > 0) return { outcome: "rate_limited", seconds };
  await recordAudit(deps.db, { businessId: input.businessId, actorUserId: actor.userId, action: SYNC_REQUESTED_ACTION, after: { connectionId, trigger: "support", reason } });
  const dispatch = await requestSync({ db: deps.db, send: deps.send, waitMs: deps.waitMs }, { connectionId, trigger: "support" });
  return dispatch.mode === "not_active" ? { outcome: "not_active" } : { outcome: "requested", dispatch };
}

/**
 * Support moves failed items of this business back to Ready to sync (never to Resolved: that says
 * the owner entered them by hand, which only the owner knows), then asks for a run.
 */
export async function supportReadyToSync(
  deps: SyncDeps,
  actor: SupportActor,
  input: { businessId: string; itemIds: string[]; reason: string },
): Promise<{ moved: number; dispatch: SyncDispatch | null }> {
  assertSupport(actor);
  const reason = supportReasonField.parse(input.reason);
  const connectionId = await connectionIdOf(deps.db, input.businessId);
  if (!connectionId) return { moved: 0, dispatch: null };
  const moved = await markReadyToSync(deps.db, input.businessId, connectionId, input.itemIds, actor.userId, reason);
  const dispatch = moved.length > 0 ? await requestSync({ db: deps.db, send: deps.send, waitMs: deps.waitMs }, { connectionId, trigger: "retry" }) : null;
  return { moved: moved.length, dispatch };
}
