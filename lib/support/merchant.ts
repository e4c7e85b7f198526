import { and, asc, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents, businesses, memberships, qboTokens, qboWebhookNotifications, users } from "@/db/schema";
import { businessDateOf } from "@/lib/processor/timezone";
import { systemClock, type Clock } from "@/lib/quickbooks/connection/business-day";
import type { Connection } from "@/lib/quickbooks/connection/connection-record";
import { connectionOverview } from "@/lib/quickbooks/connection/overview";
import type { MappingVersionWithAuthor } from "@/lib/quickbooks/mapping/mapping-versions";
import { dayLedger, type LedgerDay } from "@/lib/sync/day-ledger";
import { listFailedItems, type FailedItem } from "@/lib/sync/failed-items";
import { recentRuns, type RunRow } from "@/lib/sync/run-history";
import { automaticSyncs } from "@/lib/sync/schedule-mode";
import { supportConnectionState, type SupportConnectionState } from "./connection-state";

const WEBHOOK_NOTIFICATIONS_SHOWN = 50;
const RUNS_SHOWN = 20;

type Person = { name: string | null; email: string } | null;

interface SupportConnectionView {
  id: string;
  state: SupportConnectionState;
  /** When the connection entered its current state, as far as the record says. */
  stateSince: Date | null;
  companyName: string | null;
  realmId: string | null;
  connectedAt: Date | null;
  connectedBy: Person;
  lastReauthorizedAt: Date | null;
  lastReauthorizedBy: Person;
  /** Token facts only: never the tokens. */
  lastTokenRefreshAt: Date | null;
  refreshTokenHardExpiresAt: Date | null;
  lastSuccessfulSyncAt: Date | null;
  nextSyncAt: Date | null;
  /** The stored record, without anything secret, for the raw-detail view. */
  raw: Record<string, unknown>;
}

export interface SupportMerchantView {
  business: typeof businesses.$inferSelect;
  members: { email: string; name: string | null; role: string }[];
  connection: SupportConnectionView | null;
  versions: MappingVersionWithAuthor[];
  ledger: LedgerDay[];
  runs: RunRow[];
  failedItems: FailedItem[];
  notifications: (typeof qboWebhookNotifications.$inferSelect)[];
}

function stateSince(connection: Connection, state: SupportConnectionState): Date | null {
  switch (state) {
    case "paused":
      return connection.pausedAt;
    case "disconnected":
      return connection.disconnectedAt;
    case "setup_in_progress":
      return connection.lastAuthorizedAt ?? connection.connectedAt;
    case "active":
      // Back to active after a pause or a reauthorization: the later of the moments it (re)started.
      return [connection.setupCompletedAt, connection.lastAuthorizedAt, connection.pausedAt ? connection.updatedAt : null]
        .filter((d): d is Date => d !== null)
        .reduce<Date | null>((a, d) => (a && a > d ? a : d), null);
    default:
      // needs_reauthorization is set by the system; the record's last change is when.
      return connection.updatedAt;
  }
}

async function person(db: Db, userId: string | null): Promise<Person> {
  if (!userId) return null;
  const [row] = await db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, userId));
  return row ?? null;
}

/** The business of a merchant id, for support (every business; support sees across tenants). */
export async function findBusinessByMerchantId(db: Db, merchantId: string) {
  const [row] = await db.select().from(businesses).where(eq(businesses.merchantId, merchantId));
  return row ?? null;
}

/**
 * Everything support needs to answer "my data is missing": the business and its members, the
 * connection's facts (no tokens), mapping versions, day ledger, runs, failed items with the fault
 * and intuit_tid, and the webhook notifications Intuit sent for the company.
 */
export async function supportMerchantView(db: Db, businessId: string, clock: Clock = systemClock): Promise<SupportMerchantView | null> {
  const [business] = await db.select().from(businesses).where(eq(businesses.id, businessId));
  if (!business) return null;
  const [members, overview] = await Promise.all([
    db
      .select({ email: users.email, name: users.name, role: memberships.role })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.businessId, businessId))
      .orderBy(asc(memberships.role), asc(users.email)),
    connectionOverview(db, businessId, automaticSyncs(), clock),
  ]);
  const connection = overview.connection;
  if (!connection) return { business, members, connection: null, versions: [], ledger: [], runs: [], failedItems: [], notifications: [] };

  const [[tokens], [reauthorized], connectedBy, ledger, runs, failedItems, notifications] = await Promise.all([
    db
      .select({ refreshedAt: qboTokens.refreshedAt, hardExpiresAt: qboTokens.refreshTokenHardExpiresAt })
      .from(qboTokens)
      .where(eq(qboTokens.connectionId, connection.id)),
    db
      .select({ at: auditEvents.createdAt, actorUserId: auditEvents.actorUserId })
      .from(auditEvents)
      .where(and(eq(auditEvents.businessId, businessId), eq(auditEvents.action, "quickbooks.reauthorized")))
      .orderBy(desc(auditEvents.createdAt))
      .limit(1),
    person(db, connection.connectedByUserId),
    dayLedger(db, { businessId, connectionId: connection.id }, { today: businessDateOf(clock(), business.timezone) }),
    recentRuns(db, businessId, connection.id, RUNS_SHOWN),
    listFailedItems(db, businessId, connection.id),
    connection.realmId
      ? db
          .select()
          .from(qboWebhookNotifications)
          .where(eq(qboWebhookNotifications.realmId, connection.realmId))
          .orderBy(desc(qboWebhookNotifications.receivedAt))
          .limit(WEBHOOK_NOTIFICATIONS_SHOWN)
      : Promise.resolve([]),
  ]);
  const state = supportConnectionState(connection);
  return {
    business,
    members,
    connection: {
      id: connection.id,
      state,
      stateSince: stateSince(connection, state),
      companyName: connection.companyName,
      realmId: connection.realmId,
      connectedAt: connection.connectedAt,
      connectedBy,
      lastReauthorizedAt: reauthorized?.at ?? null,
      lastReauthorizedBy: await person(db, reauthorized?.actorUserId ?? null),
      lastTokenRefreshAt: tokens?.refreshedAt ?? null,
      refreshTokenHardExpiresAt: tokens?.hardExpiresAt ?? null,
      lastSuccessfulSyncAt: connection.lastSuccessfulSyncAt,
      nextSyncAt: overview.nextSyncAt,
      raw: { ...connection },
    },
    versions: overview.versions,
    ledger,
    runs,
    failedItems,
    notifications,
  };
}
