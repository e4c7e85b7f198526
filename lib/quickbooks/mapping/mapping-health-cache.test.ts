import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { qboConnections } from "@/db/schema";
import { syncConnection } from "@/lib/sync/engine";
import { addConnectedBusiness, createSyncWorld, syncTestDeps, type SyncWorld, type WorldBusiness } from "@/lib/sync/testing/sync-world";
import { HEALTH_FRESH_MS, mappingHealthForView, refreshMappingHealth } from "./mapping-health-cache";

/**
 * The Manage tab's mapping health comes from the last check: a view asks QuickBooks only when the
 * kept result is over a minute old (and then only one of simultaneous views does); a sync run,
 * "Check now" and webhooks refresh it. QuickBooks calls are counted at the sandbox's API.
 */
let world: SyncWorld;
let qboCalls = 0;

beforeAll(async () => {
  world = await createSyncWorld();
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, "fetch").mockImplementation((input, init) => {
    if (String(input instanceof Request ? input.url : input).includes("/v3/company/")) qboCalls += 1;
    return realFetch(input, init);
  });
}, 60_000);
afterEach(() => {
  qboCalls = 0;
});
afterAll(async () => {
  vi.restoreAllMocks();
  await world?.close();
});

/** Each test's own connected business, so no test sees a check (or a broken mapping) of another. */
async function connectedBusiness(merchantId: string): Promise<WorldBusiness> {
  const business = await addConnectedBusiness(world, {
    merchantId,
    country: "CA",
    region: "ON",
    currency: "CAD",
    timezone: "America/Toronto",
    days: 2,
    endDate: "2026-11-08",
    connectedOn: "2026-11-08",
  });
  qboCalls = 0;
  return business;
}
const connectionOf = async (business: WorldBusiness) => (await world.db.select().from(qboConnections).where(eq(qboConnections.id, business.connectionId)))[0];
const at = (ms: number) => new Date(Date.parse("2026-12-01T12:00:00Z") + ms);

/** Makes the mapped default customer inactive in QuickBooks. */
async function breakCustomerMapping(business: WorldBusiness) {
  const customers = await world.admin<{ Id: string; DisplayName: string }[]>("GET", `/companies/${business.realmId}/entities/Customer`);
  const mapped = customers.find((customer) => customer.DisplayName === "Maple Payments Customer")!;
  await world.admin("POST", `/companies/${business.realmId}/faults`, { kind: "inactive", entity: "Customer", id: mapped.Id });
}

describe("mapping health on the Manage tab", () => {
  it("asks QuickBooks on the first view, then not again while the result is under a minute old", async () => {
    const business = await connectedBusiness("MID-HEALTH-1");
    const first = await mappingHealthForView(world.db, await connectionOf(business), at(0));
    expect(first?.result).toEqual({ state: "ok" });
    expect(qboCalls).toBeGreaterThan(0);
    qboCalls = 0;
    for (const ms of [1_000, 30_000, HEALTH_FRESH_MS - 1]) {
      expect((await mappingHealthForView(world.db, await connectionOf(business), at(ms)))?.result).toEqual({ state: "ok" });
    }
    expect(qboCalls).toBe(0);
  });

  it("re-checks once a minute has passed, and only one of simultaneous views does", async () => {
    const business = await connectedBusiness("MID-HEALTH-2");
    await mappingHealthForView(world.db, await connectionOf(business), at(0));
    qboCalls = 0;
    const c = await connectionOf(business);
    const views = await Promise.all([0, 1, 2, 3].map(() => mappingHealthForView(world.db, c, at(2 * HEALTH_FRESH_MS))));
    expect(views.map((v) => v?.result.state)).toEqual(["ok", "ok", "ok", "ok"]);
    const oneCheck = qboCalls;
    expect(oneCheck).toBeGreaterThan(0);
    expect(oneCheck).toBeLessThanOrEqual(5);
  });

  it("shows a broken mapping found by Check now (or a webhook) without asking again", async () => {
    const business = await connectedBusiness("MID-HEALTH-3");
    const c = await connectionOf(business);
    await breakCustomerMapping(business);
    const checked = await refreshMappingHealth(world.db, business.businessId, at(3 * HEALTH_FRESH_MS));
    expect(checked?.result).toMatchObject({ state: "broken", broken: [{ slot: "customer", problem: "inactive" }] });
    expect(qboCalls).toBeGreaterThan(0);
    qboCalls = 0;
    const viewed = await mappingHealthForView(world.db, c, at(3 * HEALTH_FRESH_MS + 5_000));
    expect(viewed?.result).toEqual(checked?.result);
    expect(qboCalls).toBe(0);
  });

  it("keeps the sync run's check: a view right after a run asks QuickBooks nothing", async () => {
    const business = await connectedBusiness("MID-HEALTH-4");
    await breakCustomerMapping(business);
    const now = new Date();
    const summary = await syncConnection(syncTestDeps(world, new Date("2026-11-10T15:00:00Z")), { connectionId: business.connectionId, trigger: "cli" });
    expect(summary.status).toBe("stopped"); // the run's own mapping check finds the inactive customer
    qboCalls = 0;
    const viewed = await mappingHealthForView(world.db, await connectionOf(business), new Date(now.getTime() + 10_000));
    expect(viewed?.result).toMatchObject({ state: "broken", broken: [{ slot: "customer", problem: "inactive" }] });
    expect(qboCalls).toBe(0);
  });
});
