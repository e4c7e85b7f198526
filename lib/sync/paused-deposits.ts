import { sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { syncItems } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";

/**
 * Deposits a pause kept out of QuickBooks. The rule stands: data dated inside a pause is never
 * sent. But a settlement deposit dated in the pause that settles only receipts already in
 * QuickBooks (posted before the pause, or entered by hand and Resolved) leaves those receipts in
 * Undeposited Funds and the QuickBooks bank behind the real bank. After resuming, the owner is
 * offered each such deposit, one by one: "send" lets the next sync post it (its lines only link
 * receipts already there, plus its fees, so nothing else from the paused days goes); "keep out"
 * records the choice. Either way it is audited, and a decided deposit is not offered again.
 */
export const PAUSED_DEPOSIT_SENT = "quickbooks.paused_deposit_sent";
const PAUSED_DEPOSIT_KEPT_OUT = "quickbooks.paused_deposit_kept_out";

export interface PausedDepositOffer {
  depositId: string;
  processorId: string;
  depositDate: string;
  amountMinor: number;
  /** What its receipts left in Undeposited Funds (signed). */
  receiptsMinor: number;
}

/**
 * The deposits to offer: dated inside a closed pause of the connection, settling at least one
 * receipt and only receipts posted or resolved, never sent, and not decided yet.
 */
export async function pausedDepositOffers(db: DbOrTx, businessId: string, connectionId: string): Promise<PausedDepositOffer[]> {
  const rows = await db.execute<{ id: string; processor_id: string; deposit_date: string; amount_minor: string | number; receipts_minor: string | number }>(sql`
    select d.id, d.processor_id, to_char(d.deposit_date, 'YYYY-MM-DD') as deposit_date, d.amount_minor,
      (select coalesce(sum(case when t.kind in ('sale', 'chargeback_reversal') then t.amount_minor else -t.amount_minor end), 0)
         from card_transactions t where t.deposit_id = d.id and t.business_id = d.business_id) as receipts_minor
    from settlement_deposits d
    where d.business_id = ${businessId}
      and exists (select 1 from qbo_pauses p where p.connection_id = ${connectionId} and p.resumed_on is not null
                  and d.deposit_date >= p.paused_from and d.deposit_date < p.resumed_on)
      and exists (select 1 from card_transactions t where t.deposit_id = d.id and t.business_id = d.business_id)
      and not exists (
        select 1 from card_transactions t
        left join sync_items ts on ts.connection_id = ${connectionId} and ts.record_type = 'transaction' and ts.record_id = t.id
        where t.deposit_id = d.id and t.business_id = d.business_id and (ts.status is null or ts.status not in ('posted', 'resolved')))
      and not exists (
        select 1 from sync_items s where s.connection_id = ${connectionId} and s.record_type = 'deposit' and s.record_id = d.id
          and s.status not in ('skipped_paused'))
      and not exists (
        select 1 from audit_events a where a.business_id = ${businessId}
          and a.action in (${PAUSED_DEPOSIT_SENT}, ${PAUSED_DEPOSIT_KEPT_OUT}) and a.after ->> 'depositId' = d.id::text)
    order by d.deposit_date, d.id`);
  return rows.map((r) => ({
    depositId: r.id,
    processorId: r.processor_id,
    depositDate: r.deposit_date,
    amountMinor: Number(r.amount_minor),
    receiptsMinor: Number(r.receipts_minor),
  }));
}

export class PausedDepositNotOfferedError extends Error {}

/**
 * The owner's choice on one offered deposit. "send" makes its sync item ready to sync (created
 * when the pause left none); "keep_out" leaves it skipped. Refused for a deposit not on offer
 * (another business's, already decided, or settling receipts not in QuickBooks).
 */
export async function decidePausedDeposit(
  db: Db,
  input: { businessId: string; connectionId: string; depositId: string; decision: "send" | "keep_out"; actorUserId: string },
): Promise<PausedDepositOffer> {
  return db.transaction(async (tx) => {
    // One decision at a time per connection: a double click cannot send and keep out the same deposit.
    await tx.execute(sql`select id from qbo_connections where id = ${input.connectionId} and business_id = ${input.businessId} for update`);
    const offer = (await pausedDepositOffers(tx, input.businessId, input.connectionId)).find((o) => o.depositId === input.depositId);
    if (!offer) throw new PausedDepositNotOfferedError("This deposit is not waiting for a decision.");
    const status = input.decision === "send" ? "ready_to_sync" : "skipped_paused";
    await tx
      .insert(syncItems)
      .values({ connectionId: input.connectionId, businessId: input.businessId, recordType: "deposit", recordId: offer.depositId, businessDate: offer.depositDate, status, updatedByUserId: input.actorUserId })
      .onConflictDoUpdate({
        target: [syncItems.connectionId, syncItems.recordType, syncItems.recordId],
        set: { status, updatedByUserId: input.actorUserId, updatedAt: sql`now()` },
      });
    await recordAudit(tx, {
      businessId: input.businessId,
      actorUserId: input.actorUserId,
      action: input.decision === "send" ? PAUSED_DEPOSIT_SENT : PAUSED_DEPOSIT_KEPT_OUT,
      before: { status: "skipped_paused" },
      after: { depositId: offer.depositId, processorId: offer.processorId, depositDate: offer.depositDate, amountMinor: offer.amountMinor, status },
    });
    return offer;
  });
}
