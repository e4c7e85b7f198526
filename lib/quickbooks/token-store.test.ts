import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDatabase } from "@/db/client";
import { businesses, qboConnections, qboTokens, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-database";
import { eq } from "drizzle-orm";
import { InvalidGrantError, type TokenSet } from "./oauth-client";
import { disconnectConnection } from "./connection/lifecycle";
import { accessTokenFor, readTokens, saveTokens } from "./token-store";

let t: TestDatabase;
let connectionId: string;

const tokens = (n: number, expiresInMs: number): TokenSet => ({
  accessToken: `access-${n}`,
  refreshToken: `refresh-${n}`,
  accessTokenExpiresAt: new Date(Date.now() + expiresInMs),
  refreshTokenExpiresAt: new Date(Date.now() + 100 * 86_400_000),
  refreshTokenHardExpiresAt: null,
});

beforeAll(async () => {
  t = await createTestDatabase();
  const [b] = await t.db
    .insert(businesses)
    .values({ merchantId: "MID-T", legalName: "T", country: "CA", region: "ON", currency: "CAD", timezone: "America/Toronto" })
    .returning();
  const [c] = await t.db.insert(qboConnections).values({ businessId: b.id, status: "active", realmId: "r-1" }).returning();
  connectionId = c.id;
});
afterAll(() => t.drop());

describe("access tokens", () => {
  it("hands out the stored token while it is fresh, without calling Intuit", async () => {
    await saveTokens(t.db, connectionId, tokens(1, 60 * 60_000));
    let calls = 0;
    const token = await accessTokenFor(t.db, connectionId, { refresh: async () => (calls++, tokens(2, 3_600_000)) });
    expect(token).toBe("access-1");
    expect(calls).toBe(0);
  });

  it("refreshes once for many concurrent callers, and saves the rotated refresh token first", async () => {
    await saveTokens(t.db, connectionId, tokens(10, 60_000)); // inside the 5-minute margin
    const presented: string[] = [];
    const refresh = async (refreshToken: string) => {
      presented.push(refreshToken);
      await new Promise((r) => setTimeout(r, 50)); // slow Intuit: the others queue on the row lock
      return tokens(11, 3_600_000);
    };
    const results = await Promise.all(Array.from({ length: 5 }, () => accessTokenFor(t.db, connectionId, { refresh })));
    expect(presented).toEqual(["refresh-10"]);
    expect(new Set(results)).toEqual(new Set(["access-11"]));
    expect((await readTokens(t.db, connectionId))?.refreshToken).toBe("refresh-11");
  });

  it("replaces a token QuickBooks refused, but not one already replaced by someone else", async () => {
    await saveTokens(t.db, connectionId, tokens(20, 3_600_000));
    let calls = 0;
    const refresh = async () => (calls++, tokens(21, 3_600_000));
    expect(await accessTokenFor(t.db, connectionId, { rejected: "access-20", refresh })).toBe("access-21");
    expect(await accessTokenFor(t.db, connectionId, { rejected: "access-20", refresh })).toBe("access-21");
    expect(calls).toBe(1);
  });

  it("keeps the stored tokens when Intuit refuses the refresh", async () => {
    await saveTokens(t.db, connectionId, tokens(30, 1_000));
    await expect(
      accessTokenFor(t.db, connectionId, {
        refresh: async () => {
          throw new InvalidGrantError("invalid_grant");
        },
      }),
    ).rejects.toBeInstanceOf(InvalidGrantError);
    const [row] = await t.db.select().from(qboTokens).where(eq(qboTokens.connectionId, connectionId));
    expect(row.refreshTokenCiphertext).not.toContain("refresh-30");
    expect((await readTokens(t.db, connectionId))?.refreshToken).toBe("refresh-30");
  });
});

describe("no transaction is held across a call to Intuit", () => {
  /** A token endpoint that hangs until the test lets it answer. */
  function hangingIntuit<T>(answer: T) {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let called!: () => void;
    const started = new Promise<void>((resolve) => (called = resolve));
    const call = async () => {
      called();
      await released;
      return answer;
    };
    return { call, started, release };
  }

  it("while a refresh waits for Intuit, the same single-connection pool answers other queries and the rows are not locked", { timeout: 30_000 }, async () => {
    // One connection only: a transaction held open across the call would starve every other query.
    const single = connectDatabase(t.url, { max: 1 });
    try {
      await saveTokens(single.db, connectionId, tokens(40, 60_000));
      const intuit = hangingIntuit(tokens(41, 3_600_000));
      const pending = accessTokenFor(single.db, connectionId, { refresh: intuit.call });
      await intuit.started;
      // Other queries answer, and the token and connection rows can be locked without waiting.
      const [c] = await single.db.select().from(qboConnections).where(eq(qboConnections.id, connectionId)).for("update", { noWait: true });
      expect(c.status).toBe("active");
      await single.db.select().from(qboTokens).where(eq(qboTokens.connectionId, connectionId)).for("update", { noWait: true });
      intuit.release();
      expect(await pending).toBe("access-41");
      expect((await readTokens(t.db, connectionId))?.refreshToken).toBe("refresh-41");
    } finally {
      await single.close();
    }
  });

  it("a disconnect waiting for Intuit's revoke holds no lock or connection either", { timeout: 30_000 }, async () => {
    const single = connectDatabase(t.url, { max: 1 });
    try {
      const [b] = await single.db
        .insert(businesses)
        .values({ merchantId: "MID-T2", legalName: "T2", country: "CA", region: "ON", currency: "CAD", timezone: "America/Toronto" })
        .returning();
      const [owner] = await single.db.insert(users).values({ email: "owner-t2@example.test" }).returning();
      const [c] = await single.db.insert(qboConnections).values({ businessId: b.id, status: "active", realmId: "r-2" }).returning();
      await saveTokens(single.db, c.id, tokens(50, 3_600_000));
      const intuit = hangingIntuit(undefined);
      const pending = disconnectConnection(single.db, { actor: { userId: owner.id, role: "owner" }, businessId: b.id, deps: { revoke: intuit.call } });
      await intuit.started;
      await single.db.select().from(qboConnections).where(eq(qboConnections.id, c.id)).for("update", { noWait: true });
      intuit.release();
      expect((await pending).connection.status).toBe("disconnected");
      expect(await readTokens(t.db, c.id)).toBeNull();
    } finally {
      await single.close();
    }
  });
});
