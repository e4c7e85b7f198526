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
 * Appends audit events (one, or several in one statement): who did what, when (the row's
 * created_at), with the state before and after. Called inside the transaction of the change it
 * records, so the log never disagrees with it. Every audit write goes through here.
 */
export async function recordAudit(db: DbOrTx, entry: AuditEntry | readonly AuditEntry[]): Promise<void> {
  const entries = Array.isArray(entry) ? entry : [entry as AuditEntry];
  if (entries.length === 0) return;
  await db.insert(auditEvents).values(
    entries.map((e) => ({
      businessId: e.businessId,
      actorUserId: e.actorUserId,
      action: e.action,
      before: e.before ?? null,
      after: e.after ?? null,
    })),
  );
}
