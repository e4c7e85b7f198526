import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { IsoDate } from "./dates";
import { RETRY_UNFINISHED_DAY_AFTER_HOURS, RUN_LEASE_MS } from "./run-lock";


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
 * pagination: page n+1 starts after page n's last id).
 *
 * Due means:
 * - Active, setup confirmed (mapping chosen), and its connection day has ended;
 * - the last ended business day in the business's own time zone is not yet covered: no run through
 *   it finished (a failed or stopped one counts for a few hours, so a broken company is not hit
 *   every hour), and none is running now;
 * - something to post: items marked ready to sync, pending receipts or fees, a pending deposit none
 *   of whose receipts has failed (unblocked), or processor records since the connection day that
 *   have not been planned yet (the planner's queue, unplanned_records).
 *
 * A page costs its page size, not the number of connections: candidates are read from the
 * qbo_connections_schedulable index in id order, skipping those whose next_sync_due_at (set when a
 * run ends: see finishRun) is still ahead, a slice at a time; only those candidates get the
 * detailed checks above, each an index probe of that connection's own rows.
 */
export async function dueConnectionsPage(
  db: Db,
  options: { now: Date; after?: string | null; pageSize: number },
): Promise<DuePage> {
  const now = options.now.toISOString();
  const connections: DueConnection[] = [];
  let after = options.after ?? "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const want = options.pageSize - connections.length;
    const candidates = await db.execute<{ id: string }>(sql`
      select c.id from qbo_connections c
      where c.status = 'active' and c.setup_completed_at is not null and c.id > ${after}::uuid
        and (c.next_sync_due_at is null or c.next_sync_due_at <= ${now}::timestamptz)
      order by c.id
      limit ${want}`);
    if (candidates.length === 0) return { connections, next: null };
    connections.push(...(await dueAmong(db, now, candidates.map((c) => c.id))));
    after = candidates[candidates.length - 1].id;
    if (connections.length === options.pageSize) return { connections, next: connections[connections.length - 1].connectionId };
    if (candidates.length < want) return { connections, next: null };
  }
}

/** The given connections that are due now (see dueConnectionsPage), in id order. */
async function dueAmong(db: Db, now: string, ids: string[]): Promise<DueConnection[]> {
  const rows = await db.execute<{ connection_id: string; realm_id: string; business_id: string; through: string }>(sql`
    -- MATERIALIZED: the candidates are fixed first (a primary-key lookup each), then checked. Inlined,
    -- PostgreSQL evaluated the checks below for every connection before joining to the page's ids.
    with candidates as materialized (
      select c.id, c.realm_id, c.business_id, c.connected_on, c.last_ended
      from unnest(${`{${ids.join(",")}}`}::uuid[]) as i(id)
      cross join lateral (
        select c.id, c.realm_id, c.business_id, c.connected_on, ((${now}::timestamptz at time zone b.timezone)::date - 1) as last_ended
        from qbo_connections c join businesses b on b.id = c.business_id
        where c.id = i.id and c.status = 'active' and c.setup_completed_at is not null and c.realm_id is not null and c.connected_on is not null
        limit 1
      ) c
    )
    select k.id as connection_id, k.realm_id, k.business_id, to_char(k.last_ended, 'YYYY-MM-DD') as through
    from candidates k
    where k.last_ended >= k.connected_on
      and not exists (
        select 1 from sync_runs r
        where r.connection_id = k.id and r.status = 'running' and r.heartbeat_at > ${now}::timestamptz - make_interval(secs => ${RUN_LEASE_MS / 1000})
      )
      and not exists (
        select 1 from sync_runs r
        where r.connection_id = k.id and r.through_date >= k.last_ended and (
          r.status in ('succeeded', 'partly_failed')
          or (r.status in ('failed', 'stopped') and r.started_at > ${now}::timestamptz - make_interval(hours => ${RETRY_UNFINISHED_DAY_AFTER_HOURS}))
        )
      )
      and (
        exists (
          select 1 from sync_items s
          where s.connection_id = k.id and s.status in ('ready_to_sync', 'pending') and s.business_date <= k.last_ended and s.record_type <> 'deposit'
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
          -- Records since the connection day the planner would take now (see planItems).
          select 1 from unplanned_records u
          where u.business_id = k.business_id and u.record_type in ('transaction', 'deposit', 'fee')
            and u.plannable_on <= k.last_ended and u.business_date >= k.connected_on
        )
      )
    order by k.id`);
  return rows.map((r) => ({ connectionId: r.connection_id, realmId: r.realm_id, businessId: r.business_id, through: r.through }));
}
