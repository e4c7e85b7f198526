import { eq } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { qboTokens } from "@/db/schema";
import { env } from "@/lib/env";
import { refreshTokens as refreshAtIntuit, type TokenSet } from "./oauth-client";
import { decryptToken, encryptToken, parseKeyring, type Keyring } from "./token-crypto";

/** Refresh this long before the access token expires, so a call never starts with a dying token. */
export const REFRESH_MARGIN_MS = 5 * 60 * 1000;

function keyring(): Keyring {
  return parseKeyring(env().TOKEN_ENCRYPTION_KEYS);
}

const context = (connectionId: string, field: "access" | "refresh") => `${connectionId}:${field}`;

/** Stores a token set encrypted, replacing the previous one. */
export async function saveTokens(db: DbOrTx, connectionId: string, tokens: TokenSet, ring = keyring()): Promise<void> {
  const row = {
    connectionId,
    keyId: ring.currentKeyId,
    accessTokenCiphertext: encryptToken(ring, tokens.accessToken, context(connectionId, "access")),
    refreshTokenCiphertext: encryptToken(ring, tokens.refreshToken, context(connectionId, "refresh")),
    accessTokenExpiresAt: tokens.accessTokenExpiresAt,
    refreshTokenExpiresAt: tokens.refreshTokenExpiresAt,
    refreshTokenHardExpiresAt: tokens.refreshTokenHardExpiresAt,
    refreshedAt: new Date(),
  };
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

/**
 * A valid access token for a connection, refreshed when it is about to expire, or when QuickBooks
 * refused the one given as `rejected`. One refresh at a time per connection: the token row is
 * locked (SELECT … FOR UPDATE) for the refresh, and the rotated refresh token is saved in that same
 * transaction before anything uses it. A caller that waited for the lock and finds a token other
 * than the one it saw refused uses that one: someone else already refreshed.
 * Intuit refusing the refresh (invalid_grant) propagates as InvalidGrantError.
 */
export async function accessTokenFor(
  db: Db,
  connectionId: string,
  options: { rejected?: string; refresh?: Refresher } = {},
): Promise<string> {
  const ring = keyring();
  const fresh = (t: TokenSet) => t.accessTokenExpiresAt.getTime() - Date.now() > REFRESH_MARGIN_MS;
  if (!options.rejected) {
    const current = await readTokens(db, connectionId, ring);
    if (current && fresh(current)) return current.accessToken;
  }
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(qboTokens)
      .where(eq(qboTokens.connectionId, connectionId))
      .for("update");
    if (!row) throw new Error("This QuickBooks connection has no tokens: it is disconnected or was never connected.");
    const current = decryptRow(row, ring);
    const usable = options.rejected ? current.accessToken !== options.rejected : fresh(current);
    if (usable) return current.accessToken;
    const next = await (options.refresh ?? ((token) => refreshAtIntuit(token)))(current.refreshToken);
    await saveTokens(tx, connectionId, next, ring);
    return next.accessToken;
  });
}

/** Refreshes regardless of expiry (the keep-alive keeps refresh tokens inside their 100-day window). */
export async function refreshNow(db: Db, connectionId: string, refresh?: Refresher): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(qboTokens).where(eq(qboTokens.connectionId, connectionId)).for("update");
    if (!row) return;
    const current = decryptRow(row, keyring());
    const next = await (refresh ?? ((token) => refreshAtIntuit(token)))(current.refreshToken);
    await saveTokens(tx, connectionId, next);
  });
}
