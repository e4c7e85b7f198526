import { InngestTestEngine } from "@inngest/test";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, qboConnections, qboTokens } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-database";
import { NEEDS_REAUTHORIZATION_ACTION } from "@/lib/quickbooks/connection/needs-reauthorization";
import { InvalidGrantError, type TokenSet } from "@/lib/quickbooks/oauth-client";
import { readTokens, saveTokens } from "@/lib/quickbooks/token-store";
import { EXPIRY_WARNING_ACTION, refreshTokenWarning } from "@/lib/sync/keep-alive";
import { connectedBusiness } from "@/lib/sync/sync-test-fixtures";
import { createTokenKeepAlive } from "./token-keep-alive";

const NOW = new Date("2026-11-21T07:30:00Z");
const DAY = 86_400_000;

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

const tokens = (refreshToken: string, hardExpiresAt: Date | null = new Date(NOW.getTime() + 900 * DAY)): TokenSet => ({
  accessToken: `access-${refreshToken}`,
  refreshToken,
  accessTokenExpiresAt: new Date(NOW.getTime() + 3_600_000),
  refreshTokenExpiresAt: new Date(NOW.getTime() + 40 * DAY),
  refreshTokenHardExpiresAt: hardExpiresAt,
});

/** Stands in for Intuit: rotates every refresh token, and refuses the one whose grant was revoked. */
const refreshed: string[] = [];
async function intuit(refreshToken: string): Promise<TokenSet> {
  if (refreshToken === "revoked") throw new InvalidGrantError("invalid_grant");
  refreshed.push(refreshToken);
  return tokens(`${refreshToken}-next`);
}

describe("token-keep-alive (daily)", () => {
  it("refreshes Active and Paused connections not refreshed for 30 days, and flags a refresh token that hard-expires within 30 days", async () => {
    const { db } = database;
    const setup = async (merchantId: string, status: "active" | "paused" | "disconnected", refreshToken: string, refreshedDaysAgo: number, hardExpiresAt?: Date | null) => {
      const { business, connection } = await connectedBusiness(db, merchantId, { status, realmId: `realm-${merchantId}` });
      await saveTokens(db, connection.id, tokens(refreshToken, hardExpiresAt));
      await db.update(qboTokens).set({ refreshedAt: new Date(NOW.getTime() - refreshedDaysAgo * DAY) }).where(eq(qboTokens.connectionId, connection.id));
      return { business, connection };
    };
    const paused = await setup("KA-PAUSED", "paused", "paused-rt", 45);
    const active = await setup("KA-ACTIVE", "active", "active-rt", 31);
    const fresh = await setup("KA-FRESH", "active", "fresh-rt", 3);
    const gone = await setup("KA-GONE", "disconnected", "gone-rt", 80);
    const revoked = await setup("KA-REVOKED", "active", "revoked", 35);
    const expiring = await setup("KA-EXPIRING", "active", "expiring-rt", 1, new Date(NOW.getTime() + 12 * DAY));

    const t = new InngestTestEngine({ function: createTokenKeepAlive({ db: () => db, now: () => NOW, refresh: intuit, pageSize: 2 }) });
    const { result } = await t.execute();

    expect(refreshed.sort()).toEqual(["active-rt", "paused-rt"]);
    expect((await readTokens(db, paused.connection.id))?.refreshToken).toBe("paused-rt-next");
    expect((await readTokens(db, fresh.connection.id))?.refreshToken).toBe("fresh-rt");
    expect((await readTokens(db, gone.connection.id))?.refreshToken).toBe("gone-rt");
    expect(result).toMatchObject({ refreshed: 2, refused: [revoked.connection.id], failed: [], flagged: [expiring.connection.id] });

    // Intuit refused the grant: the owner sees Needs reauthorization now, not at the next sync.
    const [refusedRow] = await db.select({ status: qboConnections.status }).from(qboConnections).where(eq(qboConnections.id, revoked.connection.id));
    expect(refusedRow.status).toBe("needs_reauthorization");
    const reauthorization = await db.select().from(auditEvents).where(eq(auditEvents.businessId, revoked.business.id));
    expect(reauthorization).toEqual([
      expect.objectContaining({
        action: NEEDS_REAUTHORIZATION_ACTION,
        actorUserId: null,
        before: expect.objectContaining({ status: "active" }),
        after: expect.objectContaining({ status: "needs_reauthorization", source: "token_keep_alive", reason: expect.stringContaining("invalid_grant") }),
      }),
    ]);

    const warnings = await db.select().from(auditEvents).where(eq(auditEvents.action, EXPIRY_WARNING_ACTION));
    expect(warnings).toEqual([expect.objectContaining({ businessId: expiring.business.id, actorUserId: null })]);
    expect(await refreshTokenWarning(db, expiring.business.id, NOW)).toEqual(new Date(NOW.getTime() + 12 * DAY));
    expect(await refreshTokenWarning(db, active.business.id, NOW)).toBeNull();

    // The next day: nothing is stale any more, and the warning is not recorded twice.
    refreshed.length = 0;
    const again = await new InngestTestEngine({
      function: createTokenKeepAlive({ db: () => db, now: () => new Date(NOW.getTime() + DAY), refresh: intuit, pageSize: 2 }),
    }).execute();
    expect(again.result).toMatchObject({ refreshed: 0, flagged: [] });
    expect(refreshed).toEqual([]);
    const allWarnings = await db.select().from(auditEvents).where(inArray(auditEvents.action, [EXPIRY_WARNING_ACTION]));
    expect(allWarnings).toHaveLength(1);
  });
});
