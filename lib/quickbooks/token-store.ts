import "server-only";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { qboTokens } from "@/db/schema";
import { env } from "@/lib/env";
import { refreshTokens as refreshAtIntuit, type TokenSet } from "./oauth-client";
import { decryptToken, encryptToken, parseKeyring, type Keyring } from "./token-crypto";

/** Refresh this long before the access token expires, so a call never starts with a dying token. */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;

function keyring(): Keyring {
  return parseKeyring(env().TOKEN_ENCRYPTION_KEYS);
}

const context = (connectionId: string, field: "access" | "refresh") => `${connectionId}:${field}`;

/** A token set as its stored, encrypted row (no refresh claim). */
function encryptedRow(connectionId: string, tokens: TokenSet, ring: Keyring) {
  return {
    connectionId,
    keyId: ring.currentKeyId,
    accessTokenCiphertext: encryptToken(ring, tokens.accessToken, context(connectionId, "access")),
    refreshTokenCiphertext: encryptToken(ring, tokens.refreshToken, context(connectionId, "refresh")),
    accessTokenExpiresAt: tokens.accessTokenExpiresAt,
    refreshTokenExpiresAt: tokens.refreshTokenExpiresAt,
    refreshTokenHardExpiresAt: tokens.refreshTokenHardExpiresAt,
    refreshedAt: new Date(),
    refreshingUntil: null,
  };
}

/** Stores a token set encrypted, replacing the previous one. */
export async function saveTokens(db: DbOrTx, connectionId: string, tokens: TokenSet, ring = keyring()): Promise<void> {
  const row = encryptedRow(connectionId, tokens, ring);
  await db.insert(qboTokens).values(row).onConflictDoUpdate({ target: qboTokens.connectionId, set: row });
}

export async function deleteTokens(db: DbOrTx, connectionId: string): Promise<void> {
  await db.delete(qboTokens).where(eq(qboTokens.connectionId, connectionId));
}

export async function readTokens(db: DbOrTx, connectionId: string, ring = keyring()): Promise<TokenSet | null> {
  const [row] = await db.select().from(qboTokens).where(eq(qboTokens.connectionId, connectionId));
  return row ? decryptRow(row, ring) : null;
}

function decryptRow(row: typeof qboTokens.$inferSelect, ring: Keyring): TokenSet {
  return {
    accessToken: decryptToken(ring, row.accessTokenCiphertext, context(row.connectionId, "access")),
    refreshToken: decryptToken(ring, row.refreshTokenCiphertext, context(row.connectionId, "refresh")),
    accessTokenExpiresAt: row.accessTokenExpiresAt,
    refreshTokenExpiresAt: row.refreshTokenExpiresAt,
    refreshTokenHardExpiresAt: row.refreshTokenHardExpiresAt,
  };
}

export type Refresher = (refreshToken: string) => Promise<TokenSet>;

/** How long a refresh claim holds: longer than Intuit's slowest answer (30 s timeout). */
const CLAIM_MS = 45_000;
/** How often a caller waiting for someone else's refresh looks again. */
const WAIT_STEP_MS = 200;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Claims the refresh of a connection's tokens, if the refresh token is still `seen` and nobody else
 * holds a live claim: one short statement (lock, read, release), never a transaction held open.
 */
async function claimRefresh(db: Db, connectionId: string, seenCiphertext: string): Promise<boolean> {
  const now = new Date();
  const claimed = await db
    .update(qboTokens)
    .set({ refreshingUntil: new Date(now.getTime() + CLAIM_MS) })
    .where(
      and(
        eq(qboTokens.connectionId, connectionId),
        eq(qboTokens.refreshTokenCiphertext, seenCiphertext),
        or(isNull(qboTokens.refreshingUntil), lt(qboTokens.refreshingUntil, now)),
      ),
    )
    .returning({ connectionId: qboTokens.connectionId });
  return claimed.length === 1;
}

/** Saves the refreshed set only if the row still holds the refresh token that was presented. */
async function swapTokens(db: Db, connectionId: string, seenCiphertext: string, next: TokenSet, ring: Keyring): Promise<boolean> {
  const swapped = await db
    .update(qboTokens)
    .set(encryptedRow(connectionId, next, ring))
    .where(and(eq(qboTokens.connectionId, connectionId), eq(qboTokens.refreshTokenCiphertext, seenCiphertext)))
    .returning({ connectionId: qboTokens.connectionId });
  return swapped.length === 1;
}

async function releaseClaim(db: Db, connectionId: string, seenCiphertext: string): Promise<void> {
  await db
    .update(qboTokens)
    .set({ refreshingUntil: null })
    .where(and(eq(qboTokens.connectionId, connectionId), eq(qboTokens.refreshTokenCiphertext, seenCiphertext)));
}

const NO_TOKENS = "This QuickBooks connection has no tokens: it is disconnected or was never connected.";

/**
 * Refreshes a connection's tokens when `needsRefresh` says the stored set will not do, one refresh
 * at a time per connection, without ever holding a transaction (or a connection) while Intuit
 * answers: claim (one statement), call Intuit, compare-and-swap the rotated set (one statement).
 * A caller that finds someone else's claim waits for the stored set to change and uses it.
 */
async function refreshUnlessDone(db: Db, connectionId: string, needsRefresh: (t: TokenSet) => boolean, refresh: Refresher, ring: Keyring): Promise<TokenSet> {
  for (;;) {
    const [row] = await db.select().from(qboTokens).where(eq(qboTokens.connectionId, connectionId));
    if (!row) throw new Error(NO_TOKENS);
    const current = decryptRow(row, ring);
    if (!needsRefresh(current)) return current;
    if (!(await claimRefresh(db, connectionId, row.refreshTokenCiphertext))) {
      await sleep(WAIT_STEP_MS); // someone else is refreshing (or just did): look again
      continue;
    }
    let next: TokenSet;
    try {
      next = await refresh(current.refreshToken);
    } catch (error) {
      await releaseClaim(db, connectionId, row.refreshTokenCiphertext);
      throw error;
    }
    if (!(await swapTokens(db, connectionId, row.refreshTokenCiphertext, next, ring))) {
      // The tokens were deleted (disconnect) or replaced (reauthorize) while Intuit answered.
      throw new Error(NO_TOKENS);
    }
    return next;
  }
}

/**
 * A valid access token for a connection, refreshed when it is about to expire, or when QuickBooks
 * refused the one given as `rejected` (a caller that finds a token other than the one it saw
 * refused uses that one: someone else already refreshed). Intuit refusing the refresh
 * (invalid_grant) propagates as InvalidGrantError.
 */
export async function accessTokenFor(
  db: Db,
  connectionId: string,
  options: { rejected?: string; refresh?: Refresher } = {},
): Promise<string> {
  const ring = keyring();
  const stale = (t: TokenSet) => (options.rejected ? t.accessToken === options.rejected : t.accessTokenExpiresAt.getTime() - Date.now() <= REFRESH_MARGIN_MS);
  const refresh = options.refresh ?? ((token: string) => refreshAtIntuit(token));
  return (await refreshUnlessDone(db, connectionId, stale, refresh, ring)).accessToken;
}

/** Refreshes regardless of expiry (the keep-alive keeps refresh tokens inside their 100-day window). */
export async function refreshNow(db: Db, connectionId: string, refresh?: Refresher): Promise<void> {
  const ring = keyring();
  const seen = await readTokens(db, connectionId, ring);
  if (!seen) return;
  // Done once the stored refresh token differs from the one seen here (rotated by this call or a concurrent one).
  await refreshUnlessDone(db, connectionId, (t) => t.refreshToken === seen.refreshToken, refresh ?? ((token) => refreshAtIntuit(token)), ring).catch((error: unknown) => {
    if (error instanceof Error && error.message === NO_TOKENS) return; // disconnected meanwhile
    throw error;
  });
}
