/**
 * The causes, one clearly named function each, called where the condition is detected. They never
 * throw: a notification that cannot be recorded is logged, and the sync, refresh or request that
 * found the cause goes on as if nothing was sent.
 */
import { and, desc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { businesses, notifications, qboConnections, qboTokens, syncRuns } from "@/db/schema";
import { openPause, MAX_PAUSE_DAYS } from "@/lib/quickbooks/connection/lifecycle";
import type { BrokenMapping } from "@/lib/quickbooks/mapping/mapping-health";
import { businessDateOf } from "@/lib/processor/timezone";
import { addDays, daysBetween } from "@/lib/sync/dates";
import { listFailedItems } from "@/lib/sync/failed-items";
import { raiseNotification, resolveNotifications } from "./record";
import type { BrokenSlot, DigestItem } from "./texts";

const DAY_MS = 86_400_000;
/** The owner is warned this long before the refresh token's hard expiry and before a pause's one-year limit. */
const WARNING_DAYS = 30;
/** An Active connection without a successful sync for this long is reported. */
const OVERDUE_HOURS = 48;
/** The digest lists this many items; the rest are counted ("and 12 more in the Failed list"). */
const DIGEST_ITEMS = 50;

export interface ConnectionRef {
  id: string;
  businessId: string;
  companyName?: string | null;
}

async function safely(what: string, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    console.error(`notification (${what}) not recorded:`, error instanceof Error ? error.message : error);
  }
}

const companyOf = (c: ConnectionRef) => c.companyName ?? "QuickBooks";

/** QuickBooks refused the connection for good (a run, a token refresh or the keep-alive found it): tell the owners at once. */
export async function notifyNeedsReauthorization(db: Db, connection: ConnectionRef): Promise<void> {
  await safely("needs reauthorization", () =>
    raiseNotification(db, {
      businessId: connection.businessId,
      connectionId: connection.id,
      kind: "needs_reauthorization",
      causeKey: `needs_reauthorization:${connection.id}`,
      params: { companyName: companyOf(connection) },
    }),
  );
}

/** A reauthorization went through: the causes it fixes are resolved (the next successful run says "recovered"). */
export async function notifyReauthorized(db: Db, connection: ConnectionRef): Promise<void> {
  await safely("reauthorized", () =>
    resolveNotifications(db, connection.businessId, { connectionId: connection.id, kinds: ["needs_reauthorization", "token_expiring", "pause_limit"] }),
  );
}

/** A mapped account, customer or tax code is inactive, deleted or retyped in QuickBooks (webhook re-check or a stopped run). */
export async function notifyMappingBroken(db: Db, connection: ConnectionRef, broken: BrokenMapping[]): Promise<void> {
  if (broken.length === 0) return;
  const slots: BrokenSlot[] = broken.map((b) => ({ slot: b.slot, name: b.name, problem: b.problem }));
  await safely("mapping broken", () =>
    raiseNotification(db, {
      businessId: connection.businessId,
      connectionId: connection.id,
      kind: "mapping_broken",
      causeKey: `mapping_broken:${connection.id}`,
      params: { companyName: companyOf(connection), broken: slots },
    }),
  );
}

/** The mapping checked healthy again: a later breakage may be told again. */
export async function notifyMappingHealthy(db: Db, connection: ConnectionRef): Promise<void> {
  await safely("mapping healthy", () => resolveNotifications(db, connection.businessId, { connectionId: connection.id, kinds: ["mapping_broken"] }));
}

/**
 * A run finished without being stopped. It resolves what a working connection disproves, and says
 * "recovered" once: when the run before it failed or stopped, when it resolved an open trouble
 * (overdue, broken mapping), or when a reauthorization was resolved after the last "recovered".
 */
export async function notifyRunSucceeded(db: Db, connection: ConnectionRef, run: { runId: string }): Promise<void> {
  await safely("run succeeded", async () => {
    const [previous] = await db
      .select({ status: syncRuns.status })
      .from(syncRuns)
      .where(and(eq(syncRuns.connectionId, connection.id), ne(syncRuns.id, run.runId), ne(syncRuns.status, "running")))
      .orderBy(desc(syncRuns.startedAt))
      .limit(1);
    const [reauthorized] = await db.execute<{ id: string }>(sql`
      select n.id from notifications n
      where n.business_id = ${connection.businessId}::uuid and n.connection_id = ${connection.id}::uuid
        and n.kind = 'needs_reauthorization' and n.resolved_at is not null
        and n.resolved_at > coalesce((
          select max(r.created_at) from notifications r
          where r.business_id = n.business_id and r.connection_id = n.connection_id and r.kind = 'connection_recovered'), '-infinity')
      limit 1`);
    const hadOpenTrouble = await resolveNotifications(db, connection.businessId, { connectionId: connection.id, kinds: ["needs_reauthorization", "sync_overdue", "mapping_broken"] });
    const recovered = previous?.status === "failed" || previous?.status === "stopped" || Boolean(reauthorized) || hadOpenTrouble > 0;
    if (!recovered) return;
    await raiseNotification(db, {
      businessId: connection.businessId,
      connectionId: connection.id,
      kind: "connection_recovered",
      causeKey: `connection_recovered:${connection.id}:${run.runId}`,
      params: { companyName: companyOf(connection) },
    });
  });
}

/**
 * The daily digest of failed items: at most one per business per business day, listing the items
 * that failed since the last digest (an item failing again after "Ready to sync" counts as new),
 * each with its plain-language reason. Nothing new failed: nothing is sent.
 */
export async function notifyFailedItems(db: Db, connection: ConnectionRef, now: Date): Promise<void> {
  await safely("failed items", async () => {
    const [business] = await db.select({ timezone: businesses.timezone }).from(businesses).where(eq(businesses.id, connection.businessId));
    if (!business) return;
    const today = businessDateOf(now, business.timezone);
    const causeKey = `items_failed:${today}`;
    const [sentToday] = await db
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(eq(notifications.businessId, connection.businessId), eq(notifications.causeKey, causeKey)))
      .limit(1);
    if (sentToday) return;
    const failed = await listFailedItems(db, connection.businessId, connection.id);
    if (failed.length === 0) return;
    const reported = new Set(
      (
        await db.execute<{ key: string }>(sql`
          select jsonb_array_elements_text(params->'reported') as key from notifications
          where business_id = ${connection.businessId}::uuid and kind = 'items_failed'`)
      ).map((r) => r.key),
    );
    const fresh = failed.filter((item) => !reported.has(`${item.id}:${item.attempts}`));
    if (fresh.length === 0) return;
    const items: DigestItem[] = fresh.slice(0, DIGEST_ITEMS).map((item) => ({
      processorId: item.processorId,
      record: item.kind,
      businessDate: item.businessDate,
      amountMinor: item.amountMinor,
      currency: item.currency === "USD" ? "USD" : "CAD",
      reasonKey: item.explanation.reason.key,
      reasonParams: item.explanation.reason.params,
    }));
    await raiseNotification(db, {
      businessId: connection.businessId,
      connectionId: connection.id,
      kind: "items_failed",
      causeKey,
      params: { companyName: companyOf(connection), count: fresh.length, items, reported: fresh.map((i) => `${i.id}:${i.attempts}`) },
    });
  });
}

interface WatchedConnection {
  id: string;
  businessId: string;
  status: string;
  companyName: string | null;
  timezone: string;
  setupCompletedAt: Date | null;
  lastSuccessfulSyncAt: Date | null;
  lastAuthorizedAt: Date | null;
  hardExpiresAt: Date | null;
}

/**
 * The causes found by looking rather than by an event, checked on a schedule (hourly): a refresh
 * token's hard expiry 30 days away, a pause 30 days from its one-year limit, no successful sync for
 * 48 hours while Active. A cause whose condition no longer holds is resolved.
 */
export async function checkScheduledCauses(db: Db, now = new Date()): Promise<{ raised: number }> {
  let raised = 0;
  const watched: WatchedConnection[] = await db
    .select({
      id: qboConnections.id,
      businessId: qboConnections.businessId,
      status: qboConnections.status,
      companyName: qboConnections.companyName,
      timezone: businesses.timezone,
      setupCompletedAt: qboConnections.setupCompletedAt,
      lastSuccessfulSyncAt: qboConnections.lastSuccessfulSyncAt,
      lastAuthorizedAt: qboConnections.lastAuthorizedAt,
      hardExpiresAt: qboTokens.refreshTokenHardExpiresAt,
    })
    .from(qboConnections)
    .innerJoin(businesses, eq(businesses.id, qboConnections.businessId))
    .leftJoin(qboTokens, eq(qboTokens.connectionId, qboConnections.id))
    .where(inArray(qboConnections.status, ["active", "paused"]));

  const expected = new Map<string, { connection: WatchedConnection; kind: "token_expiring" | "pause_limit" | "sync_overdue"; params: Record<string, unknown> }>();
  for (const c of watched) {
    const company = companyOf(c);
    if (c.hardExpiresAt && c.hardExpiresAt.getTime() - now.getTime() < WARNING_DAYS * DAY_MS) {
      expected.set(`token_expiring:${c.id}:${c.hardExpiresAt.toISOString()}`, { connection: c, kind: "token_expiring", params: { companyName: company, expiresAt: c.hardExpiresAt.toISOString() } });
    }
    if (c.status === "paused") {
      const pause = await openPause(db, c.id);
      if (pause) {
        const authorizedOn = c.lastAuthorizedAt ? businessDateOf(c.lastAuthorizedAt, c.timezone) : null;
        const since = authorizedOn && authorizedOn > pause.pausedFrom ? authorizedOn : pause.pausedFrom;
        const limitDate = addDays(since, MAX_PAUSE_DAYS);
        if (daysBetween(businessDateOf(now, c.timezone), limitDate) <= WARNING_DAYS) {
          expected.set(`pause_limit:${c.id}:${since}`, { connection: c, kind: "pause_limit", params: { companyName: company, pausedFrom: pause.pausedFrom, limitDate } });
        }
      }
    }
    const lastGood = c.lastSuccessfulSyncAt ?? c.setupCompletedAt;
    if (c.status === "active" && lastGood && now.getTime() - lastGood.getTime() > OVERDUE_HOURS * 3_600_000) {
      expected.set(`sync_overdue:${c.id}`, { connection: c, kind: "sync_overdue", params: { companyName: company, since: lastGood.toISOString() } });
    }
  }

  // Resolve what no longer holds (the key of a cause carries what makes it that cause).
  const open = await db
    .select({ id: notifications.id, causeKey: notifications.causeKey })
    .from(notifications)
    .where(and(isNull(notifications.resolvedAt), inArray(notifications.kind, ["token_expiring", "pause_limit", "sync_overdue"])));
  const stale = open.filter((n) => !expected.has(n.causeKey)).map((n) => n.id);
  if (stale.length > 0) await db.update(notifications).set({ resolvedAt: sql`now()` }).where(inArray(notifications.id, stale));

  for (const [causeKey, cause] of expected) {
    await safely(cause.kind, async () => {
      const id = await raiseNotification(db, { businessId: cause.connection.businessId, connectionId: cause.connection.id, kind: cause.kind, causeKey, params: cause.params });
      if (id) raised += 1;
    });
  }
  return { raised };
}
