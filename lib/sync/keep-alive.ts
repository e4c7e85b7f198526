import { and, eq, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { qboConnections, qboTokens } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { markNeedsReauthorization } from "@/lib/quickbooks/connection/needs-reauthorization";
import { InvalidGrantError } from "@/lib/quickbooks/oauth-client";
import { refreshNow, type Refresher } from "@/lib/quickbooks/token-store";

/**
 * Refresh tokens die after 100 days unused, and a paused connection (up to a year) posts nothing,
 * so nothing else would use them: refreshing every 30 days keeps them alive with a wide margin
 * (a keep-alive that fails a few days in a row still has two months to succeed).
 */
const KEEP_ALIVE_AFTER_DAYS = 30;
/** The owner is warned this long before the refresh token's hard (5-year) expiry. */
const HARD_EXPIRY_WARNING_DAYS = 30;
export const EXPIRY_WARNING_ACTION = "quickbooks.refresh_token_expiring";

const DAY_MS = 86_400_000;
const KEPT_ALIVE = ["active", "paused"] as const;

/** One page (keyset on connection id) of Active and Paused connections whose tokens were last refreshed too long ago. */
export async function staleTokenPage(db: Db, options: { now: Date; after?: string | null; pageSize: number }): Promise<{ connectionIds: string[]; next: string | null }> {
  const cutoff = new Date(options.now.getTime() - KEEP_ALIVE_AFTER_DAYS * DAY_MS);
  const rows = await db
    .select({ id: qboConnections.id })
    .from(qboConnections)
    .innerJoin(qboTokens, eq(qboTokens.connectionId, qboConnections.id))
    .where(
      and(
        inArray(qboConnections.status, [...KEPT_ALIVE]),
        lt(qboTokens.refreshedAt, cutoff),
        sql`${qboConnections.id} > ${options.after ?? "00000000-0000-0000-0000-000000000000"}::uuid`,
      ),
    )
    .orderBy(qboConnections.id)
    .limit(options.pageSize);
  const connectionIds = rows.map((r) => r.id);
  return { connectionIds, next: connectionIds.length === options.pageSize ? connectionIds[connectionIds.length - 1] : null };
}

export interface KeepAliveOutcome {
  refreshed: number;
  /** Intuit refused the grant: the connection now needs reauthorization. */
  refused: string[];
  /** Anything else (network, Intuit down): tried again tomorrow; why it failed is kept for support. */
  failed: { connectionId: string; cause: string }[];
}

/**
 * Refreshes each connection's tokens (one at a time: each refresh holds that connection's token row
 * lock, see refreshNow). A refused grant marks the connection Needs reauthorization, audited, so the
 * owner sees it on the Manage tab long before a sync or a resume would have found out.
 */
export async function refreshTokensOf(db: Db, connectionIds: string[], refresh?: Refresher): Promise<KeepAliveOutcome> {
  const outcome: KeepAliveOutcome = { refreshed: 0, refused: [], failed: [] };
  for (const connectionId of connectionIds) {
    try {
      await refreshNow(db, connectionId, refresh);
      outcome.refreshed += 1;
    } catch (error) {
      if (error instanceof InvalidGrantError) {
        outcome.refused.push(connectionId);
        await markNeedsReauthorization(db, { connectionId, source: "token_keep_alive", reason: `QuickBooks refused the token refresh: ${error.message}`, from: KEPT_ALIVE });
      } else {
        const cause = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        console.error(`token keep-alive of connection ${connectionId} failed (tried again tomorrow): ${cause}`);
        outcome.failed.push({ connectionId, cause });
      }
    }
  }
  return outcome;
}

/**
 * Flags Active and Paused connections whose refresh token hard-expires within 30 days: one audit
 * event per connection and expiry date (so the warning is recorded once, not daily), in one
 * transaction that locks the connections it flags. The Manage tab shows the warning from the token's expiry itself (refreshTokenWarning).
 */
export async function flagExpiringTokens(db: Db, now: Date): Promise<string[]> {
  const horizon = new Date(now.getTime() + HARD_EXPIRY_WARNING_DAYS * DAY_MS);
  return db.transaction(async (tx) => {
    const rows = await tx.execute<{ connection_id: string; business_id: string; hard_expires_at: string }>(sql`
      select c.id as connection_id, c.business_id, t.refresh_token_hard_expires_at as hard_expires_at
      from qbo_connections c
      join qbo_tokens t on t.connection_id = c.id
      where c.status in ('active', 'paused')
        and t.refresh_token_hard_expires_at is not null and t.refresh_token_hard_expires_at < ${horizon.toISOString()}::timestamptz
        and not exists (
          select 1 from audit_events a
          where a.business_id = c.business_id and a.action = ${EXPIRY_WARNING_ACTION}
            and a.after->>'connectionId' = c.id::text
            and (a.after->>'hardExpiresAt')::timestamptz = t.refresh_token_hard_expires_at
        )
      for update of c`);
    await recordAudit(
      tx,
      rows.map((r) => ({
        businessId: r.business_id,
        actorUserId: null,
        action: EXPIRY_WARNING_ACTION,
        after: { connectionId: r.connection_id, hardExpiresAt: new Date(r.hard_expires_at).toISOString() },
      })),
    );
    return rows.map((r) => r.connection_id);
  });
}

/** The Manage tab's warning: when the business's refresh token hard-expires, if that is within 30 days. */
export async function refreshTokenWarning(db: Db, businessId: string, now = new Date()): Promise<Date | null> {
  const [row] = await db
    .select({ hardExpiresAt: qboTokens.refreshTokenHardExpiresAt })
    .from(qboTokens)
    .innerJoin(qboConnections, eq(qboConnections.id, qboTokens.connectionId))
    .where(and(eq(qboConnections.businessId, businessId), inArray(qboConnections.status, [...KEPT_ALIVE])));
  const at = row?.hardExpiresAt ?? null;
  return at && at.getTime() - now.getTime() < HARD_EXPIRY_WARNING_DAYS * DAY_MS ? at : null;
}
