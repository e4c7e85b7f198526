import { and, count, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { businesses, cardTransactions, memberships, settlementDeposits, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-database";
import { verifyPassword } from "@/lib/auth/password";
import { DEMO_BUSINESSES, DEMO_PASSWORD, DEMO_USERS, seedDemo } from "./seed";

let database: TestDatabase;
const db = () => database.db;
const NOW = new Date("2026-11-28T03:00:00Z"); // late evening of Nov 27 in Toronto

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

async function roleOf(email: string, merchantId: string): Promise<string | undefined> {
  const [row] = await db()
    .select({ role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(businesses, eq(businesses.id, memberships.businessId))
    .where(and(eq(users.email, email), eq(businesses.merchantId, merchantId)));
  return row?.role;
}

describe("demo seed", () => {
  // The first seeding is the setup every test below reads: each one stands alone, in any order.
  let summary: Awaited<ReturnType<typeof seedDemo>>;
  beforeAll(async () => {
    summary = await seedDemo(db(), { now: NOW });
  }, 180_000);

  it("creates three businesses with 60 days of activity ending yesterday, and the demo users", async () => {
    expect(summary.businesses.map((b) => [b.merchantId, b.from, b.to])).toEqual([
      ["MID-1001", "2026-09-28", "2026-11-26"],
      ["MID-2002", "2026-09-28", "2026-11-26"],
      ["MID-3003", "2026-09-28", "2026-11-26"],
    ]);
    const rows = await db().select().from(businesses).where(inArray(businesses.merchantId, DEMO_BUSINESSES.map((b) => b.merchantId)));
    expect(rows.map((b) => [b.merchantId, b.region, b.currency, b.timezone]).sort()).toEqual([
      ["MID-1001", "ON", "CAD", "America/Toronto"],
      ["MID-2002", "QC", "CAD", "America/Montreal"],
      ["MID-3003", "NY", "USD", "America/New_York"],
    ]);
    for (const business of rows) {
      const [{ n }] = await db().select({ n: count() }).from(cardTransactions).where(eq(cardTransactions.businessId, business.id));
      expect(n).toBeGreaterThan(2000);
      const [{ d }] = await db().select({ d: count() }).from(settlementDeposits).where(eq(settlementDeposits.businessId, business.id));
      expect(d).toBeGreaterThan(40);
    }
  });

  it("gives every demo user the demo password and the right roles", async () => {
    const rows = await db().select().from(users).where(inArray(users.email, DEMO_USERS.map((u) => u.email)));
    expect(rows).toHaveLength(DEMO_USERS.length);
    for (const user of rows) expect(await verifyPassword(user.passwordHash!, DEMO_PASSWORD)).toBe(true);
    expect(rows.find((u) => u.email === "proprietaire@demo.test")?.locale).toBe("fr-CA");
    expect(rows.find((u) => u.email === "support@demo.test")?.isSupport).toBe(true);
    expect(rows.filter((u) => u.isSupport)).toHaveLength(1);
    for (const mid of ["MID-1001", "MID-2002", "MID-3003"]) {
      expect(await roleOf("owner@demo.test", mid)).toBe("owner");
      expect(await roleOf("accountant@demo.test", mid)).toBe("accountant");
      expect(await roleOf("staff@demo.test", mid)).toBe("staff");
      expect(await roleOf("support@demo.test", mid)).toBeUndefined();
    }
    expect(await roleOf("proprietaire@demo.test", "MID-2002")).toBe("owner");
    expect(await roleOf("proprietaire@demo.test", "MID-1001")).toBeUndefined();
  });

  it("changes nothing when run again, and only adds the new days a day later", { timeout: 120_000 }, async () => {
    const hashes = await db().select({ email: users.email, hash: users.passwordHash }).from(users);
    const again = await seedDemo(db(), { now: NOW });
    expect(again.businesses.filter((b) => b.accepted !== 0 || b.duplicates === 0)).toEqual([]);
    expect(await db().select({ email: users.email, hash: users.passwordHash }).from(users)).toEqual(hashes);

    const nextDay = await seedDemo(db(), { now: new Date(NOW.getTime() + 24 * 3600 * 1000) });
    for (const b of nextDay.businesses) {
      expect(b.from).toBe("2026-09-28");
      expect(b.to).toBe("2026-11-27");
      expect(b.accepted).toBeGreaterThan(0);
    }
  });
});
