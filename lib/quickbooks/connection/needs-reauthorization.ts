/**
 * The one place a connection becomes "needs reauthorization": QuickBooks refused its grant for
 * good (a refresh answered invalid_grant, or a fresh token was still refused). Whoever found out —
 * a page's QuickBooks call, a sync run, the daily token keep-alive — calls this, so the status
 * change and its audit entry are the same whatever noticed it.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { qboConnections } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { notifyNeedsReauthorization } from "@/lib/notify/causes";
import { auditView, updateConnection, type Connection, type ConnectionStatus } from "./connection-record";

export const NEEDS_REAUTHORIZATION_ACTION = "quickbooks.needs_reauthorization";

/** Who noticed that QuickBooks refused the grant (kept on the audit entry). */
type ReauthorizationSource = "quickbooks_call" | "sync_run" | "token_keep_alive";

export interface NeedsReauthorizationInput {
  connectionId: string;
  source: ReauthorizationSource;
  /** Why, in words support can read: the refusal QuickBooks or Intuit gave. */
  reason: string;
  /**
   * Statuses that move to needs reauthorization. Active only by default: a sync or a page found
   * out; the keep-alive also looks after paused connections and passes both.
   */
  from?: readonly ConnectionStatus[];
}

/**
 * Marks the connection Needs reauthorization and records one audit entry (a system action), in one
 * transaction. Returns the connection as it now is, or null when it was not in one of `from`
 * (already marked, disconnected, ...): then nothing is written, so a refusal noticed twice is
 * recorded once. The owners are told at once (lib/notify), whichever path noticed it.
 */
export async function markNeedsReauthorization(db: Db, input: NeedsReauthorizationInput): Promise<Connection | null> {
  const from = input.from ?? ["active"];
  const changed = await db.transaction(async (tx) => {
    const [connection] = await tx
      .select()
      .from(qboConnections)
      .where(and(eq(qboConnections.id, input.connectionId), inArray(qboConnections.status, [...from])))
      .for("update");
    if (!connection) return null;
    const after = await updateConnection(tx, connection.businessId, connection.id, { status: "needs_reauthorization" });
    await recordAudit(tx, {
      businessId: connection.businessId,
      actorUserId: null,
      action: NEEDS_REAUTHORIZATION_ACTION,
      before: auditView(connection),
      after: { ...auditView(after), source: input.source, reason: input.reason },
    });
    return after;
  });
  if (changed) await notifyNeedsReauthorization(db, changed);
  return changed;
}
