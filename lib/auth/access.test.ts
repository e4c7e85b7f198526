import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { businesses, memberships, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-database";
import { findBusinessAccess, listBusinessesOf, memberMerchantId } from "./access";
import { can } from "./permissions";

let t: TestDatabase;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestDatabase();
  const [a, b] = await t.db
    .insert(businesses)
    .values([
      { merchantId: "MID-A", legalName: "A inc.", country: "CA", region: "ON", currency: "CAD", timezone: "America/Toronto" },
      { merchantId: "MID-B", legalName: "B LLC", country: "US", region: "NY", currency: "USD", timezone: "America/New_York" },
    ])
    .returning();
  const [alice, bob] = await t.db.insert(users).values([{ email: "alice@example.test" }, { email: "bob@example.test" }]).returning();
  await t.db.insert(memberships).values([
    { userId: alice.id, businessId: a.id, role: "owner" },
    { userId: bob.id, businessId: b.id, role: "accountant" },
  ]);
  Object.assign(ids, { a: a.id, b: b.id, alice: alice.id, bob: bob.id });
});
afterAll(() => t.drop());

describe("business access (tenant isolation)", () => {
  it("lists only the businesses a user belongs to, with their role", async () => {
    const list = await listBusinessesOf(t.db, ids.alice);
    expect(list.map((x) => [x.business.merchantId, x.role])).toEqual([["MID-A", "owner"]]);
  });

  it("gives no access to another tenant's business", async () => {
    expect(await findBusinessAccess(t.db, ids.alice, "MID-B")).toBeNull();
    expect(await findBusinessAccess(t.db, ids.bob, "MID-A")).toBeNull();
    expect((await findBusinessAccess(t.db, ids.bob, "MID-B"))?.role).toBe("accountant");
  });

  it("names a business's merchant id by its id only to a member", async () => {
    expect(await memberMerchantId(t.db, ids.alice, ids.a)).toBe("MID-A");
    expect(await memberMerchantId(t.db, ids.alice, ids.b)).toBeNull();
    expect(await memberMerchantId(t.db, ids.bob, ids.b)).toBe("MID-B");
  });
});

describe("permissions", () => {
  it("keeps QuickBooks actions for owners", () => {
    expect(can("owner", "quickbooks.manage")).toBe(true);
    expect(can("accountant", "quickbooks.manage")).toBe(false);
    expect(can("staff", "quickbooks.manage")).toBe(false);
    expect(can("accountant", "quickbooks.viewDetails")).toBe(true);
    expect(can("staff", "quickbooks.viewDetails")).toBe(false);
    expect(can("staff", "portal.view")).toBe(true);
  });
});
