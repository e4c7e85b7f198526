import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { linkedQboDocument, type LinkedQboDocument } from "./day-ledger";

/**
 * The QuickBooks documents that processor records of this business became, by record id (only
 * records that are posted). One query, scoped to the business; a record posted under an earlier
 * connection links to that company's document (it stays in QuickBooks after a disconnect).
 */
export async function postedDocuments(db: DbOrTx, businessId: string, recordIds: string[]): Promise<Map<string, LinkedQboDocument>> {
  const found = new Map<string, LinkedQboDocument>();
  if (recordIds.length === 0) return found;
  const rows = await db.execute<{ record_id: string; qbo_entity: string | null; qbo_id: string; realm_id: string | null }>(sql`
    select distinct on (s.record_id) s.record_id, s.qbo_entity, s.qbo_id, c.realm_id
    from sync_items s
    join qbo_connections c on c.id = s.connection_id and c.business_id = s.business_id
    where s.business_id = ${businessId} and s.status = 'posted' and s.qbo_id is not null
      and s.record_id = any(${sql`array[${sql.join(
        recordIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )}]`})
    order by s.record_id, s.updated_at desc`);
  for (const r of rows) {
    const link = linkedQboDocument(r.qbo_entity, r.qbo_id, r.realm_id, "Deposit");
    if (link) found.set(r.record_id, link);
  }
  return found;
}

/** Whether the business has ever had a QuickBooks connection set up (pages show QuickBooks columns only then). */
export async function hasSynced(db: DbOrTx, businessId: string): Promise<boolean> {
  const rows = await db.execute<{ one: number }>(sql`
    select 1 as one from qbo_connections where business_id = ${businessId} and setup_completed_at is not null limit 1`);
  return rows.length > 0;
}
