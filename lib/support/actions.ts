import { z } from "zod";
import type { Db } from "@/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { SyncDispatch } from "@/lib/sync/dispatch";
import { markFailedItems, syncNow, type SyncNowOutcome, type SyncRequestDeps } from "@/lib/sync/sync-requests";

/** Every support action says why, in the support agent's words; the owner reads it in the activity log. */
const supportReasonField = z
  .string()
  .trim()
  .min(3, "Type the reason for this action (at least 3 characters).")
  .max(500, "The reason is too long (500 characters at most).");

const SUPPORT_VIEWED_ACTION = "support.viewed";

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

export type SupportSyncOutcome = SyncNowOutcome;
type SyncDeps = SyncRequestDeps;

/**
 * Support's "Run a sync now": the same once-a-minute limit and the same engine as the owner's
 * Sync now, audited with the support user and the typed reason before the run starts.
 */
export async function supportSyncNow(deps: SyncDeps, actor: SupportActor, input: { businessId: string; reason: string }): Promise<SupportSyncOutcome> {
  assertSupport(actor);
  const reason = supportReasonField.parse(input.reason);
  return syncNow(deps, { businessId: input.businessId, actorUserId: actor.userId, trigger: "support", reason });
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
  return markFailedItems(deps, { businessId: input.businessId, actorUserId: actor.userId, to: "ready_to_sync", itemIds: input.itemIds, reason });
}
