/**
 * What "Sync now" and "Ready to sync" tell the owner about the run they asked for, from what the
 * dispatcher did: the page words it (sync.syncNow messages).
 */
import type { SyncDispatch } from "./dispatch";

export type SyncNowResult =
  | { outcome: "rate_limited"; seconds: number }
  | { outcome: "not_active" }
  | { outcome: "queued" | "background" }
  | { outcome: "failed"; message: string }
  | { outcome: "completed"; status: string; documents: number; failed: number; message: string | null };

export function describeDispatch(dispatch: SyncDispatch): SyncNowResult {
  if (dispatch.mode === "failed") return { outcome: "failed", message: dispatch.message };
  if (dispatch.mode !== "completed") return { outcome: dispatch.mode };
  const { summary } = dispatch;
  return {
    outcome: "completed",
    status: summary.status,
    documents: Object.values(summary.documentsCreated).reduce((a, n) => a + n, 0),
    failed: summary.itemsFailed,
    message: summary.message ?? null,
  };
}
