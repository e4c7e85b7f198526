import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { IsoDate } from "./dates";

/**
 * Creates the sync items of a connection for the records that arrived since the last plan and are
 * dated up to `through`. Ingest queues every new record in unplanned_records (database triggers);
 * this takes the queued records whose `plannable_on` has come out and inserts their items, one
 * statement per record type, so planning costs what is new, never the history. Each item starts as:
 * - before_connection: dated before the connection day (never posted);
 * - skipped_paused: dated inside a pause (never posted);
 * - pending: to be posted.
 * A fee no deposit lists is a separate debit from the merchant's bank: it is plannable as a debit
 * of its own 7 days after its date, the time a deposit gets to claim it (a monthly fee, known to be
 * a separate debit, at once; the migration "day_totals" writes the 7 into the queue's
 * plannable_on); one a deposit lists meanwhile leaves the queue (it is a line of that deposit, no
 * item of its own).
 * Existing items are left alone (ON CONFLICT DO NOTHING), so planning is idempotent.
 */
export async function planItems(db: Db, connectionId: string, businessId: string, through: IsoDate): Promise<number> {
  const sources: { recordType: string; table: string; dateColumn: string; planWhen?: SQL }[] = [
    { recordType: "transaction", table: "card_transactions", dateColumn: "business_date" },
    { recordType: "deposit", table: "settlement_deposits", dateColumn: "deposit_date" },
    // Fees in a deposit are lines of that deposit (the queue drops them when a deposit lists them).
    { recordType: "fee", table: "fees", dateColumn: "business_date", planWhen: sql`where q.deposit_id is null` },
  ];
  let planned = 0;
  for (const source of sources) {
    const date = sql.raw(`q.${source.dateColumn}`);
    const result = await db.execute(sql`
      with q as (
        delete from unplanned_records u
        using ${sql.raw(source.table)} r
        where u.business_id = ${businessId} and u.record_type = ${source.recordType}::sync_record_type and u.plannable_on <= ${through}
          and r.id = u.record_id and r.business_id = u.business_id
          and exists (select 1 from qbo_connections c where c.id = ${connectionId} and c.business_id = ${businessId})
        returning r.*
      )
      insert into sync_items (connection_id, business_id, record_type, record_id, business_date, status)
      select c.id, q.business_id, ${source.recordType}::sync_record_type, q.id, ${date},
        case
          when ${date} < c.connected_on then 'before_connection'::sync_item_status
          when exists (
            select 1 from qbo_pauses p
            where p.connection_id = c.id and ${date} >= p.paused_from and (p.resumed_on is null or ${date} < p.resumed_on)
          ) then 'skipped_paused'::sync_item_status
          else 'pending'::sync_item_status
        end
      from q
      join qbo_connections c on c.id = ${connectionId}
      ${source.planWhen ?? sql``}
      on conflict (connection_id, record_type, record_id) do nothing`);
    planned += result.count ?? 0;
  }
  return planned;
}
