import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { qboPauses } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { InvalidGrantError, revokeToken } from "../oauth-client";
import { TokenDecryptionError } from "../token-crypto";
import { deleteTokens, readTokens } from "../token-store";
import { assertMayManage, type Actor } from "./actor";
import { businessToday, daysBetween, systemClock, type Clock } from "./business-day";
import { auditView, findBusiness, isLive, lockConnection, updateConnection, type Connection } from "./connection-record";
import { ConnectionRefusedError } from "./refusal";

/** A connection paused longer than this must be reauthorized before it can resume. */
export const MAX_PAUSE_DAYS = 365;

interface ActionInput {
  actor: Actor;
  businessId: string;
  clock?: Clock;
}

async function lockedLive(tx: Parameters<Parameters<Db["transaction"]>[0]>[0], businessId: string): Promise<Connection> {
  const connection = await lockConnection(tx, businessId);
  if (!connection || !isLive(connection)) throw new ConnectionRefusedError("not_connected", "This business is not connected to QuickBooks.");
  if (connection.setupCompletedAt === null) throw new ConnectionRefusedError("setup_incomplete", "Finish setting up the connection first.");
  return connection;
}

async function timeZoneOf(tx: Parameters<typeof findBusiness>[0], businessId: string): Promise<string> {
  const business = await findBusiness(tx, businessId);
  if (!business) throw new Error("Unknown business.");
  return business.timezone;
}

/** Pause: from today on nothing is posted, and the paused days' data is never sent, even after resuming. */
export async function pauseConnection(db: Db, input: ActionInput): Promise<Connection> {
  assertMayManage(input.actor);
  const clock = input.clock ?? systemClock;
  return db.transaction(async (tx) => {
    const connection = await lockedLive(tx, input.businessId);
    if (connection.status !== "active") throw new ConnectionRefusedError("not_active", "Only an active connection can be paused.");
    const today = businessToday(clock, await timeZoneOf(tx, input.businessId));
    await tx.insert(qboPauses).values({ connectionId: connection.id, pausedFrom: today });
    const after = await updateConnection(tx, input.businessId, connection.id, { status: "paused", pausedAt: clock() });
    await recordAudit(tx, { businessId: input.businessId, actorUserId: input.actor.userId, action: "quickbooks.paused", before: auditView(connection), after: { ...auditView(after), pausedFrom: today } });
    return after;
  });
}

/** The open pause of a connection (the row whose resumedOn is not set yet). */
export async function openPause(db: Parameters<typeof findBusiness>[0], connectionId: string) {
  const [row] = await db
    .select()
    .from(qboPauses)
    .where(and(eq(qboPauses.connectionId, connectionId), isNull(qboPauses.resumedOn)))
    .orderBy(desc(qboPauses.pausedFrom))
    .limit(1);
  return row ?? null;
}

/**
 * Whether a paused connection may resume today: not when it has been paused for more than a year
 * without a newer authorization (the owner must reauthorize first, which counts from its own day).
 */
function resumeBlockedByAge(input: { pausedFrom: string; lastAuthorizedOn: string | null; today: string }): boolean {
  const since = input.lastAuthorizedOn && input.lastAuthorizedOn > input.pausedFrom ? input.lastAuthorizedOn : input.pausedFrom;
  return daysBetween(since, input.today) > MAX_PAUSE_DAYS;
}

/** Resume (only from Paused): data flows again from today; the paused days stay unsent. */
export async function resumeConnection(db: Db, input: ActionInput): Promise<Connection> {
  assertMayManage(input.actor);
  const clock = input.clock ?? systemClock;
  return db.transaction(async (tx) => {
    const connection = await lockedLive(tx, input.businessId);
    if (connection.status !== "paused") throw new ConnectionRefusedError("not_paused", "Only a paused connection can resume.");
    const timeZone = await timeZoneOf(tx, input.businessId);
    const today = businessToday(clock, timeZone);
    const pause = await openPause(tx, connection.id);
    const pausedFrom = pause?.pausedFrom ?? businessToday(() => connection.pausedAt ?? clock(), timeZone);
    const lastAuthorizedOn = connection.lastAuthorizedAt ? businessToday(() => connection.lastAuthorizedAt!, timeZone) : null;
    if (resumeBlockedByAge({ pausedFrom, lastAuthorizedOn, today })) {
      throw new ConnectionRefusedError("paused_too_long", "This connection was paused for more than a year: reauthorize it before resuming.", { pausedFrom });
    }
    if (pause) await tx.update(qboPauses).set({ resumedOn: today }).where(eq(qboPauses.id, pause.id));
    const after = await updateConnection(tx, input.businessId, connection.id, { status: "active", pausedAt: null });
    await recordAudit(tx, { businessId: input.businessId, actorUserId: input.actor.userId, action: "quickbooks.resumed", before: { ...auditView(connection), pausedFrom }, after: { ...auditView(after), resumedOn: today } });
    return after;
  });
}

export interface DisconnectDeps {
  revoke: (refreshToken: string) => Promise<void>;
}

export interface DisconnectOutcome {
  connection: Connection;
  /**
   * False when the stored tokens could not be read (a key no longer configured, a damaged
   * ciphertext): nothing could be sent to Intuit, so the owner must remove the app in QuickBooks.
   */
  revoked: boolean;
}

/**
 * Disconnect: revoke the grant at Intuit, delete the tokens here, keep the record (and its mapping
 * versions and pauses) for history. What was posted stays in QuickBooks; connecting again means the
 * whole onboarding. A grant Intuit already dropped (invalid_grant) counts as revoked; any other
 * failure to reach Intuit refuses, so tokens are never forgotten while still valid there. Tokens
 * that cannot be decrypted cannot be revoked by anyone here: the disconnect goes ahead (refusing
 * would trap the owner), says so (`revoked: false`), and the audit entry keeps why.
 */
export async function disconnectConnection(db: Db, input: ActionInput & { deps?: DisconnectDeps }): Promise<DisconnectOutcome> {
  assertMayManage(input.actor);
  const clock = input.clock ?? systemClock;
  const revoke = input.deps?.revoke ?? revokeToken;
  // Lock, read, release: no transaction stays open while Intuit answers (up to 30 s).
  let unreadable: string | null = null;
  const seen = await db.transaction(async (tx) => {
    const connection = await lockConnection(tx, input.businessId);
    if (!connection || !isLive(connection)) throw new ConnectionRefusedError("not_connected", "This business is not connected to QuickBooks.");
    const tokens = await readTokens(tx, connection.id).catch((error: unknown) => {
      if (!(error instanceof TokenDecryptionError)) throw error;
      unreadable = error.message;
      console.error(`disconnect of business ${input.businessId}: the stored tokens could not be decrypted, so they were not revoked at Intuit: ${error.message}`);
      return null;
    });
    return { connection, tokens };
  });
  if (seen.tokens) {
    try {
      await revoke(seen.tokens.refreshToken);
    } catch (error) {
      if (!(error instanceof InvalidGrantError)) {
        throw new ConnectionRefusedError("quickbooks_unavailable", "QuickBooks could not be reached to revoke the access. Try again.");
      }
    }
  }
  // Compare and swap: the same connection, still live with the same company, is disconnected.
  return db.transaction(async (tx) => {
    const connection = await lockConnection(tx, input.businessId);
    if (!connection || !isLive(connection) || connection.id !== seen.connection.id || connection.realmId !== seen.connection.realmId) {
      throw new ConnectionRefusedError("not_connected", "This business is not connected to QuickBooks.");
    }
    await deleteTokens(tx, connection.id);
    const today = businessToday(clock, await timeZoneOf(tx, input.businessId));
    await tx.update(qboPauses).set({ resumedOn: today }).where(and(eq(qboPauses.connectionId, connection.id), isNull(qboPauses.resumedOn)));
    const after = await updateConnection(tx, input.businessId, connection.id, { status: "disconnected", disconnectedAt: clock(), pausedAt: null });
    await recordAudit(tx, {
      businessId: input.businessId,
      actorUserId: input.actor.userId,
      action: "quickbooks.disconnected",
      before: auditView(connection),
      after: { ...auditView(after), ...(unreadable ? { revoked: false, notRevokedBecause: unreadable } : {}) },
    });
    return { connection: after, revoked: unreadable === null };
  });
}
