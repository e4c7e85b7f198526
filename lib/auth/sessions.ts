import "server-only";
import { randomUUID } from "node:crypto";
import { eq, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { revokedSessions, users } from "@/db/schema";

/** How long a session lasts (Auth.js maxAge); a revoked id is kept no longer than that. */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/** What a session token carries besides the user id: checked against the database on every request. */
export interface SessionClaims {
  uid: string;
  /** This session's own id: Sign out revokes it. */
  sid: string;
  /** users.session_version when the session began: bumping it ends every session of the user. */
  sv: number;
}

/** The claims of a new session for a user who just signed in. */
export async function startSession(db: DbOrTx, userId: string): Promise<SessionClaims> {
  const [row] = await db.select({ sv: users.sessionVersion }).from(users).where(eq(users.id, userId));
  return { uid: userId, sid: randomUUID(), sv: row?.sv ?? 0 };
}

function isClaims(token: Record<string, unknown>): token is Record<string, unknown> & SessionClaims {
  return typeof token.uid === "string" && typeof token.sid === "string" && typeof token.sv === "number";
}

/**
 * True while the session may be used: the user exists, its version is the user's current one, and
 * this session was not signed out. A token from before sessions carried these claims is refused.
 */
export async function isSessionCurrent(db: DbOrTx, token: Record<string, unknown>): Promise<boolean> {
  if (!isClaims(token) || !/^[0-9a-f-]{36}$/i.test(token.sid) || !/^[0-9a-f-]{36}$/i.test(token.uid)) return false;
  const [row] = await db
    .select({
      sv: users.sessionVersion,
      revoked: sql<boolean>`exists (select 1 from ${revokedSessions} where ${revokedSessions.sessionId} = ${token.sid})`,
    })
    .from(users)
    .where(eq(users.id, token.uid));
  return !!row && row.sv === token.sv && !row.revoked;
}

/** Sign out: this session ends on the server, whoever holds a copy of its cookie. */
export async function revokeSession(db: DbOrTx, token: Record<string, unknown>, now = new Date()): Promise<void> {
  if (!isClaims(token)) return;
  await db.delete(revokedSessions).where(lt(revokedSessions.expiresAt, now));
  await db
    .insert(revokedSessions)
    .values({ sessionId: token.sid, expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000) })
    .onConflictDoNothing();
}

/**
 * Ends every session of a user: Sign out everywhere, and what a password change must call (there is
 * no password change in the portal yet; owners set their first password through the invitation).
 */
export async function endAllSessions(db: DbOrTx, userId: string): Promise<void> {
  await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
}
