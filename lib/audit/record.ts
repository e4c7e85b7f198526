import type { DbOrTx } from "@/db/client";
import { auditEvents } from "@/db/schema";

export interface AuditEntry {
  businessId: string | null;
  /** Null when the system acted on its own (e.g. QuickBooks refused the tokens during a check). */
  actorUserId: string | null;
  /** Dotted verb, e.g. "quickbooks.paused". */
  action: string;
  before?: unknown;
  after?: unknown;
}

/**
 * Appends one audit event: who did what, when (the row's created_at), with the state before and
 * after. Called inside the transaction of the change it records, so the log never disagrees with it.
 */
export async function recordAudit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  await db.insert(auditEvents).values({
    businessId: entry.businessId,
    actorUserId: entry.actorUserId,
    action: entry.action,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
