import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { addDays, type IsoDate } from "./dates";

/**
 * A fee that no deposit lists is a separate debit from the merchant's bank. Monthly fees are known
 * to be; any other fee gets this many days for a deposit to claim it before it is treated so.
 */
export const FEE_SETTLEMENT_GRACE_DAYS = 7;

/**
 * Creates the missing sync items of a connection for every processor record dated up to `through`,
 * in one INSERT … SELECT per record type (no per-record work). Each item starts as:
 * - before_connection: dated before the connection day (never posted);
 * - skipped_paused: dated inside a pause (never posted);
 * - pending: to be posted.
 * Existing items are left alone (ON CONFLICT DO NOTHING), so planning is idempotent.
 */
export async function planItems(db: Db, connectionId: string, businessId: string, through: IsoDate): Promise<number> {
  const feeCutoff = addDays(through, -FEE_SETTLEMENT_GRACE_DAYS);
  const sources: { recordType: string; table: string; dateColumn: string; only?: SQL }[] = [
    { recordType: "transaction", table: "card_transactions", dateColumn: "business_date" },
    { recordType: "deposit", table: "settlement_deposits", dateColumn: "deposit_date" },
    // Fees in a deposit are lines of that deposit; only those debited on their own get an item.
    { recordType: "fee", table: "fees", dateColumn: "business_date", only: sql`and r.deposit_id is null and (r.kind = 'monthly' or r.business_date <= ${feeCutoff})` },
  ];
  let planned = 0;
  for (const source of sources) {
    const date = sql.raw(`r.${source.dateColumn}`);
    const result = await db.execute(sql`
      insert into sync_items (connection_id, business_id, record_type, record_id, business_date, status)
      select c.id, r.business_id, ${source.recordType}::sync_record_type, r.id, ${date},
        case
          when ${date} < c.connected_on then 'before_connection'::sync_item_status
          when exists (
            select 1 from qbo_pauses p
            where p.connection_id = c.id and ${date} >= p.paused_from and (p.resumed_on is null or ${date} < p.resumed_on)
          ) then 'skipped_paused'::sync_item_status
          else 'pending'::sync_item_status
        end
      from ${sql.raw(source.table)} r
      join qbo_connections c on c.id = ${connectionId} and c.business_id = r.business_id
      where r.business_id = ${businessId} and ${date} <= ${through} ${source.only ?? sql``}
      on conflict (connection_id, record_type, record_id) do nothing`);
    planned += result.count ?? 0;
  }
  return planned;
}
