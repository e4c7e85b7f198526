import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { IsoDate } from "./dates";
import { FEE_SETTLEMENT_GRACE_DAYS } from "./plan";
import { RUN_LEASE_MS } from "./run-lock";

/** A failed or stopped run is tried again by the schedule after this long (not every hour). */
export const RETRY_UNFINISHED_DAY_AFTER_HOURS = 6;

export interface DueConnection {
  connectionId: string;
  realmId: string;
  businessId: string;
  /** The last ended business day in the business's time zone: what the run posts through. */
  through: IsoDate;
}

export interface DuePage {
  connections: DueConnection[];
  /** Keyset cursor for the next page; null when this was the last one. */
  next: string | null;
}

/**
 * One page of the connections the hourly schedule should sync, in connection id order (keyset
 * pagination: page n+1 starts after page n's last id, so a page costs the same at any depth).
 *
 * Due means:
 * - Active, setup confirmed (mapping chosen), and its connection day has ended;
 * - the last ended business day in the business's own time zone is not yet covered: no run through
 *   it finished (a failed or stopped one counts for a few hours, so a broken company is not hit
 *   every hour), and none is running now;
 * - something to post: items marked ready to sync, pending receipts or fees, a pending deposit none
 *   of whose receipts has failed (unblocked), or processor records since the connection day that
 *   have no sync item yet (they arrived after the last run).
 * Everything is decided in this one statement per page; nothing is read per connection.
 */
export async function dueConnectionsPage(
  db: Db,
  options: { now: Date; after?: string | null; pageSize: number },
): Promise<DuePage> {
  const now = options.now.toISOString();
  const after = options.after ?? "00000000-0000-0000-0000-000000000000";
  const rows = await db.execute<{ connection_id: string; realm_id: string; business_id: string; through: string }>(sql`
    with candidates as (
      select c.id, c.realm_id, c.business_id, c.connected_on,
        ((${now}::timestamptz at time zone b.timezone)::date - 1) as last_ended
      from qbo_connections c
      join businesses b on b.id = c.business_id
      where c.status = 'active' and c.setup_completed_at is not null and c.realm_id is not null
        and c.connected_on is not null and c.id > ${after}::uuid
    )
    select k.id as connection_id, k.realm_id, k.business_id, to_char(k.last_ended, 'YYYY-MM-DD') as through
    from candidates k
    where k.last_ended >= k.connected_on
      and not exists (
        select 1 from sync_runs r
        where r.connection_id = k.id and (
          (r.status = 'running' and r.heartbeat_at > ${now}::timestamptz - make_interval(secs => ${RUN_LEASE_MS / 1000}))
          or (r.through_date >= k.last_ended and (
            r.status in ('succeeded', 'partly_failed')
            or (r.status in ('failed', 'stopped') and r.started_at > ${now}::timestamptz - make_interval(hours => ${RETRY_UNFINISHED_DAY_AFTER_HOURS}))
          ))
        )
      )
      and (
        exists (
          select 1 from sync_items s
          where s.connection_id = k.id and s.business_date <= k.last_ended
            and (s.status = 'ready_to_sync' or (s.status = 'pending' and s.record_type <> 'deposit'))
        )
        or exists (
          select 1 from sync_items s
          where s.connection_id = k.id and s.record_type = 'deposit' and s.status = 'pending' and s.business_date <= k.last_ended
            and not exists (
              select 1 from card_transactions t
              join sync_items ts on ts.connection_id = k.id and ts.record_type = 'transaction' and ts.record_id = t.id
              where t.business_id = k.business_id and t.deposit_id = s.record_id and ts.status = 'failed'
            )
        )
        or exists (
          select 1 from card_transactions t
          where t.business_id = k.business_id and t.business_date between k.connected_on and k.last_ended
            and not exists (select 1 from sync_items s where s.connection_id = k.id and s.record_type = 'transaction' and s.record_id = t.id)
        )
        or exists (
          select 1 from settlement_deposits d
          where d.business_id = k.business_id and d.deposit_date between k.connected_on and k.last_ended
            and not exists (select 1 from sync_items s where s.connection_id = k.id and s.record_type = 'deposit' and s.record_id = d.id)
        )
        or exists (
          -- Fees debited on their own, once the planner would take them (see planItems).
          select 1 from fees f
          where f.business_id = k.business_id and f.deposit_id is null and f.business_date between k.connected_on and k.last_ended
            and (f.kind = 'monthly' or f.business_date <= k.last_ended - ${FEE_SETTLEMENT_GRACE_DAYS}::int)
            and not exists (select 1 from sync_items s where s.connection_id = k.id and s.record_type = 'fee' and s.record_id = f.id)
        )
      )
    order by k.id
    limit ${options.pageSize}`);
  const connections = rows.map((r) => ({ connectionId: r.connection_id, realmId: r.realm_id, businessId: r.business_id, through: r.through }));
  const next = connections.length === options.pageSize ? connections[connections.length - 1].connectionId : null;
  return { connections, next };
}
