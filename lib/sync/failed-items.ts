import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { qboConnections, qboMappingVersions, syncItems } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { explainFault, type FaultExplanation, type MappedIds, type RecordType } from "./fault-explanations";

const FAILED_LIST_LIMIT = 500;

export interface FailedItem {
  id: string;
  recordType: RecordType;
  businessDate: string;
  /** The processor's record: its id, what it is, and its amount. */
  processorId: string;
  /** Transaction kind (sale, refund, …), fee kind (processing, monthly, …) or "deposit". */
  kind: string;
  amountMinor: number;
  currency: string;
  docNumber: string | null;
  attempts: number;
  fault: { code: string | null; message: string | null; detail: string | null; element: string | null };
  /** Intuit's id of the failing call: what Intuit's own support asks for. */
  intuitTid: string | null;
  explanation: FaultExplanation;
  updatedAt: Date;
}

/**
 * The Failed list of a business's connection, oldest business day first, with each item's
 * processor record (one query: the three record tables are joined, each scoped to the business).
 */
export async function listFailedItems(db: Db, businessId: string, connectionId: string): Promise<FailedItem[]> {
  const rows = await db.execute<{
    id: string;
    record_type: RecordType;
    business_date: string;
    processor_id: string | null;
    kind: string | null;
    amount_minor: string | number | null;
    currency: string | null;
    doc_number: string | null;
    attempts: number;
    fault_code: string | null;
    fault_message: string | null;
    fault_detail: string | null;
    fault_element: string | null;
    intuit_tid: string | null;
    updated_at: Date | string;
  }>(sql`
    select s.id, s.record_type, to_char(s.business_date, 'YYYY-MM-DD') as business_date, s.doc_number, s.attempts,
      s.fault_code, s.fault_message, s.fault_detail, s.fault_element, s.intuit_tid, s.updated_at,
      coalesce(t.processor_id, f.processor_id, d.processor_id) as processor_id,
      coalesce(t.kind::text, f.kind::text, case when d.id is not null then 'deposit' end) as kind,
      coalesce(t.amount_minor, f.amount_minor, d.amount_minor) as amount_minor,
      coalesce(t.currency, f.currency, d.currency)::text as currency
    from sync_items s
    left join card_transactions t on s.record_type = 'transaction' and t.id = s.record_id and t.business_id = s.business_id
    left join fees f on s.record_type = 'fee' and f.id = s.record_id and f.business_id = s.business_id
    left join settlement_deposits d on s.record_type = 'deposit' and d.id = s.record_id and d.business_id = s.business_id
    where s.business_id = ${businessId} and s.connection_id = ${connectionId} and s.status = 'failed'
    order by s.business_date, s.id
    limit ${FAILED_LIST_LIMIT}`);
  const mapping = rows.length > 0 ? await currentMapping(db, businessId, connectionId) : undefined;
  return rows.map((r) => {
    const fault = { code: r.fault_code, message: r.fault_message, detail: r.fault_detail, element: r.fault_element };
    return {
      id: r.id,
      recordType: r.record_type,
      businessDate: r.business_date,
      processorId: r.processor_id ?? "",
      kind: r.kind ?? r.record_type,
      amountMinor: Number(r.amount_minor ?? 0),
      currency: r.currency ?? "",
      docNumber: r.doc_number,
      attempts: r.attempts,
      fault,
      intuitTid: r.intuit_tid,
      explanation: explainFault(fault, { recordType: r.record_type, docNumber: r.doc_number, businessDate: r.business_date, mapping }),
      updatedAt: new Date(r.updated_at),
    };
  });
}

/** The connection's latest mapping: a fault naming one of its ids says which choice to fix. */
async function currentMapping(db: Db, businessId: string, connectionId: string): Promise<MappedIds | undefined> {
  const [row] = await db
    .select({
      bankAccountId: qboMappingVersions.bankAccountId,
      revenueAccountId: qboMappingVersions.revenueAccountId,
      expenseAccountId: qboMappingVersions.expenseAccountId,
      customerId: qboMappingVersions.customerId,
      taxCodeId: qboMappingVersions.taxCodeId,
    })
    .from(qboMappingVersions)
    .innerJoin(qboConnections, and(eq(qboConnections.id, qboMappingVersions.connectionId), eq(qboConnections.businessId, businessId)))
    .where(eq(qboMappingVersions.connectionId, connectionId))
    .orderBy(desc(qboMappingVersions.version))
    .limit(1);
  return row;
}

export const READY_TO_SYNC_ACTION = "quickbooks.items_ready_to_sync";
export const RESOLVED_ACTION = "quickbooks.items_resolved";

async function moveFailed(
  db: Db,
  to: "ready_to_sync" | "resolved",
  action: string,
  scope: { businessId: string; connectionId: string; itemIds: string[]; userId: string; reason?: string },
): Promise<string[]> {
  const ids = [...new Set(scope.itemIds)];
  if (ids.length === 0) return [];
  return db.transaction(async (tx) => {
    // Only failed items of this business's connection move: another tenant's ids, or items that
    // were posted meanwhile, are left alone (and not reported as changed).
    const moved = await tx
      .update(syncItems)
      .set({ status: to, updatedByUserId: scope.userId, updatedAt: sql`now()` })
      .where(
        and(
          inArray(syncItems.id, ids),
          eq(syncItems.businessId, scope.businessId),
          eq(syncItems.connectionId, scope.connectionId),
          eq(syncItems.status, "failed"),
        ),
      )
      .returning({ id: syncItems.id, recordType: syncItems.recordType, recordId: syncItems.recordId, businessDate: syncItems.businessDate, faultCode: syncItems.faultCode });
    if (moved.length > 0) {
      await recordAudit(tx, {
        businessId: scope.businessId,
        actorUserId: scope.userId,
        action,
        before: { status: "failed", items: moved.map((m) => ({ id: m.id, recordType: m.recordType, recordId: m.recordId, businessDate: m.businessDate, faultCode: m.faultCode })) },
        after: { status: to, itemIds: moved.map((m) => m.id), ...(scope.reason ? { reason: scope.reason } : {}) },
      });
    }
    return moved.map((m) => m.id);
  });
}

/**
 * "Ready to sync": the owner fixed the cause (or support moves them back, with the reason it
 * typed, which the audit event keeps); the next run tries these items again. Returns the ids that moved.
 */
export function markReadyToSync(db: Db, businessId: string, connectionId: string, itemIds: string[], userId: string, reason?: string): Promise<string[]> {
  return moveFailed(db, "ready_to_sync", READY_TO_SYNC_ACTION, { businessId, connectionId, itemIds, userId, reason });
}

/**
 * "Resolved": the owner entered these by hand in QuickBooks; no run tries them again, and the
 * deposit that settles a resolved receipt carries it as a direct line so it still ties.
 */
export function markResolved(db: Db, businessId: string, connectionId: string, itemIds: string[], userId: string): Promise<string[]> {
  return moveFailed(db, "resolved", RESOLVED_ACTION, { businessId, connectionId, itemIds, userId });
}
