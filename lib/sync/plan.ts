import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { addDays, type IsoDate } from "./dates";

/**
 * A fee that no deposit lists is a separate debit from the merchant's bank. Monthly fees are known
 * to be; any other fee gets this many days for a deposit to claim it before it is treated so.
 */
export const FEE_SETTLEMENT_GRACE_DAYS = 7;

/**
 * Creates the missing sync items of a connection for every processor record dated up to `through`,
 * in three INSERT … SELECT statements (no per-record work). Each item starts as:
 * - before_connection: dated before the connection day (never posted);
 * - skipped_paused: dated inside a pause (never posted);
 * - pending: to be posted.
 * Existing items are left alone (ON CONFLICT DO NOTHING), so planning is idempotent.
 */
export async function planItems(db: Db, connectionId: string, businessId: string, through: IsoDate): Promise<number> {
  const initialStatus = (dateColumn: string) => sql.raw(`
    case
      when ${dateColumn} < c.connected_on then 'before_connection'::sync_item_status
      when exists (
        select 1 from qbo_pauses p
        where p.connection_id = c.id and ${dateColumn} >= p.paused_from
          and (p.resumed_on is null or ${dateColumn} < p.resumed_on)
      ) then 'skipped_paused'::sync_item_status
      else 'pending'::sync_item_status
    end`);
  const feeCutoff = addDays(through, -FEE_SETTLEMENT_GRACE_DAYS);

  const transactions = await db.execute(sql`
    insert into sync_items (connection_id, business_id, record_type, record_id, business_date, status)
    select c.id, t.business_id, 'transaction', t.id, t.business_date, ${initialStatus("t.business_date")}
    from card_transactions t
    join qbo_connections c on c.id = ${connectionId} and c.business_id = t.business_id
    where t.business_id = ${businessId} and t.business_date <= ${through}
    on conflict (connection_id, record_type, record_id) do nothing`);
  const deposits = await db.execute(sql`
    insert into sync_items (connection_id, business_id, record_type, record_id, business_date, status)
    select c.id, d.business_id, 'deposit', d.id, d.deposit_date, ${initialStatus("d.deposit_date")}
    from settlement_deposits d
    join qbo_connections c on c.id = ${connectionId} and c.business_id = d.business_id
    where d.business_id = ${businessId} and d.deposit_date <= ${through}
    on conflict (connection_id, record_type, record_id) do nothing`);
  const fees = await db.execute(sql`
    insert into sync_items (connection_id, business_id, record_type, record_id, business_date, status)
    select c.id, f.business_id, 'fee', f.id, f.business_date, ${initialStatus("f.business_date")}
    from fees f
    join qbo_connections c on c.id = ${connectionId} and c.business_id = f.business_id
    where f.business_id = ${businessId} and f.deposit_id is null and f.business_date <= ${through}
      and (f.kind = 'monthly' or f.business_date <= ${feeCutoff})
    on conflict (connection_id, record_type, record_id) do nothing`);
  return (transactions.count ?? 0) + (deposits.count ?? 0) + (fees.count ?? 0);
}
