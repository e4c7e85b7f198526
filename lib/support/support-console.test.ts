import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { businesses, memberships, syncItems, syncRuns, users } from "@/db/schema";
import { activityLog } from "@/lib/audit/activity-log";
import { storeWebhookNotifications } from "@/lib/quickbooks/webhook-notifications";
import { addConnectedBusiness, createSyncWorld, type SyncWorld, type WorldBusiness } from "@/lib/sync/testing/sync-world";
import { NotSupportError, recordSupportView, supportReadyToSync, supportSyncNow } from "./actions";
import { supportMerchantView } from "./merchant";
import { searchBusinesses } from "./search";

/**
 * The support console against the real engine and the sandbox: a connected business whose books
 * are closed, so its items fail with QuickBooks' fault and Intuit's intuit_tid; support finds it,
 * sees why, runs a sync and retries items with a reason; the owner's activity log says so.
 */
const TID = /^[0-9a-f-]{36}$/;
const isoDay = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const noSend = async () => {
  throw new Error("Inngest is not used in these tests");
};

let world: SyncWorld;
let merchant: WorldBusiness;
let supportUser: { userId: string; isSupport: boolean };
let ownerUser: { userId: string; isSupport: boolean };
let neverConnectedId: string;

beforeAll(async () => {
  world = await createSyncWorld();
  merchant = await addConnectedBusiness(world, {
    merchantId: "MID-SUPPORT-1",
    country: "CA",
    region: "ON",
    currency: "CAD",
    timezone: "America/Toronto",
    days: 4,
    endDate: isoDay(-2),
    connectedOn: isoDay(-6),
    transactionsPerDay: 2,
    depositsThrough: "9999-12-31",
  });
  const [support] = await world.db.insert(users).values({ email: "agent@processor.test", name: "Sam Support", isSupport: true }).returning();
  supportUser = { userId: support.id, isSupport: true };
  const [owner] = await world.db.select().from(users).where(eq(users.email, "owner-mid-support-1@example.test"));
  ownerUser = { userId: owner.id, isSupport: false };
  const [other] = await world.db
    .insert(businesses)
    .values({ merchantId: "MID-SUPPORT-2", legalName: "Quiet Corner Shop", country: "CA", region: "ON", currency: "CAD", timezone: "America/Toronto" })
    .returning();
  neverConnectedId = other.id;
  await world.db.insert(memberships).values({ userId: owner.id, businessId: other.id, role: "owner" });
  // The books are closed through today: every document fails with QuickBooks' 6210.
  await world.admin("POST", `/companies/${merchant.realmId}/faults`, { kind: "closeBooks", before: isoDay(1) });
}, 120_000);

afterAll(async () => {
  await world?.close();
});

const deps = () => ({ db: world.db, send: noSend });
const allowAnotherSync = () => world.db.update(syncRuns).set({ startedAt: sql`started_at - interval '2 minutes'` }).where(eq(syncRuns.connectionId, merchant.connectionId));

describe("support actions", () => {
  it("runs a sync for support only, with a typed reason, through the real engine", async () => {
    await expect(supportSyncNow(deps(), ownerUser, { businessId: merchant.businessId, reason: "curious" })).rejects.toBeInstanceOf(NotSupportError);
    await expect(supportSyncNow(deps(), supportUser, { businessId: merchant.businessId, reason: "  " })).rejects.toBeInstanceOf(ZodError);

    const outcome = await supportSyncNow(deps(), supportUser, { businessId: merchant.businessId, reason: "merchant called about missing deposits" });
    expect(outcome.outcome).toBe("requested");
    if (outcome.outcome !== "requested" || outcome.dispatch.mode !== "completed") throw new Error(`unexpected ${JSON.stringify(outcome)}`);
    expect(outcome.dispatch.summary.itemsFailed).toBeGreaterThan(0);

    // A second one within the minute is refused, as for the owner.
    expect(await supportSyncNow(deps(), supportUser, { businessId: merchant.businessId, reason: "again" })).toMatchObject({ outcome: "rate_limited" });
  }, 120_000);

  it("keeps QuickBooks' fault and Intuit's intuit_tid on every failed item and on the run", async () => {
    const failed = await world.db.select().from(syncItems).where(eq(syncItems.status, "failed"));
    expect(failed.length).toBeGreaterThan(0);
    for (const item of failed) {
      expect(item.faultCode).toBe("6210");
      expect(item.intuitTid).toMatch(TID);
    }
    const [run] = await world.db.select().from(syncRuns).where(eq(syncRuns.connectionId, merchant.connectionId));
    expect(run.trigger).toBe("support");
    const calls = run.failedCalls as { intuitTid: string; path: string }[];
    expect(calls.map((c) => c.intuitTid)).toContain(failed[0].intuitTid);
    expect(calls.every((c) => c.path === "/batch")).toBe(true);
  });

  it("shows support the merchant's connection, runs, failed items with intuit_tid and webhook notifications", async () => {
    await storeWebhookNotifications(world.db, [{ realmId: merchant.realmId, entity: "account", id: "33", operation: "updated" }]);
    await storeWebhookNotifications(world.db, [{ realmId: "another-realm", entity: "account", id: "1", operation: "deleted" }]);
    const view = (await supportMerchantView(world.db, merchant.businessId))!;
    expect(view.members.map((m) => [m.email, m.role])).toEqual([["owner-mid-support-1@example.test", "owner"]]);
    expect(view.connection).toMatchObject({ state: "active", realmId: merchant.realmId, companyName: "MID-SUPPORT-1 Books" });
    expect(view.connection!.nextSyncAt).toBeInstanceOf(Date);
    expect(view.connection!.lastTokenRefreshAt).toBeInstanceOf(Date);
    expect(JSON.stringify(view)).not.toMatch(/ciphertext|access_token|refresh_token"/i);
    expect(view.runs[0]).toMatchObject({ trigger: "support", status: "partly_failed" });
    expect(view.runs[0].failedCalls[0].intuitTid).toMatch(TID);
    expect(view.failedItems.length).toBeGreaterThan(0);
    expect(view.failedItems[0]).toMatchObject({ fault: { code: "6210" }, intuitTid: expect.stringMatching(TID) });
    expect(view.notifications.map((n) => [n.entity, n.entityId, n.operation])).toEqual([["account", "33", "updated"]]);
    expect(view.versions).toHaveLength(1);
    expect(view.ledger.length).toBeGreaterThan(0);
  });

  it("moves failed items back to Ready to sync with a reason; once the books open they post", async () => {
    await world.admin("POST", `/companies/${merchant.realmId}/faults`, { kind: "closeBooks", before: null });
    await allowAnotherSync();
    const failed = await world.db.select({ id: syncItems.id }).from(syncItems).where(eq(syncItems.status, "failed"));
    await expect(supportReadyToSync(deps(), ownerUser, { businessId: merchant.businessId, itemIds: failed.map((f) => f.id), reason: "retry" })).rejects.toBeInstanceOf(NotSupportError);
    // Another business's support action never touches this business's items.
    expect((await supportReadyToSync(deps(), supportUser, { businessId: neverConnectedId, itemIds: failed.map((f) => f.id), reason: "wrong merchant" })).moved).toBe(0);
    const result = await supportReadyToSync(deps(), supportUser, { businessId: merchant.businessId, itemIds: failed.map((f) => f.id), reason: "books reopened by the merchant" });
    expect(result.moved).toBe(failed.length);
    expect(result.dispatch).toMatchObject({ mode: "completed", summary: { itemsFailed: 0 } });
    expect(await world.db.select().from(syncItems).where(eq(syncItems.status, "failed"))).toHaveLength(0);
  }, 120_000);

  it("writes the owner's activity log: support's actions with their reasons and the support view, newest first, by pages", async () => {
    await recordSupportView(world.db, supportUser, merchant.businessId);
    await expect(recordSupportView(world.db, ownerUser, merchant.businessId)).rejects.toBeInstanceOf(NotSupportError);
    const { entries } = await activityLog(world.db, merchant.businessId, { pageSize: 50 });
    expect(entries.map((e) => e.action)).toEqual(["support.viewed", "quickbooks.items_ready_to_sync", "quickbooks.sync_requested"]);
    expect(entries.every((e) => e.actor?.isSupport && e.actor.name === "Sam Support")).toBe(true);
    expect(entries[1]).toMatchObject({ reason: "books reopened by the merchant", itemCount: expect.any(Number) });
    expect(entries[2]).toMatchObject({ reason: "merchant called about missing deposits", after: { trigger: "support" } });

    const first = await activityLog(world.db, merchant.businessId, { pageSize: 2 });
    const second = await activityLog(world.db, merchant.businessId, { pageSize: 2, cursor: first.next! });
    expect([...first.entries, ...second.entries].map((e) => e.id)).toEqual(entries.map((e) => e.id));
    expect(second.next).toBeNull();
    // Another business's log holds none of it.
    expect((await activityLog(world.db, neverConnectedId)).entries).toHaveLength(0);
  });
});

describe("support search", () => {
  const ids = async (search: Parameters<typeof searchBusinesses>[1]) => (await searchBusinesses(world.db, search)).rows.map((r) => r.merchantId);

  it("finds a merchant by merchant id, legal name, member email, realm id and QuickBooks company name, and nothing else", async () => {
    expect(await ids({ q: "mid-support-1" })).toEqual(["MID-SUPPORT-1"]);
    expect(await ids({ q: "MID-SUPPORT" })).toEqual(["MID-SUPPORT-1", "MID-SUPPORT-2"]);
    expect(await ids({ q: "quiet corner" })).toEqual(["MID-SUPPORT-2"]);
    expect(await ids({ q: "OWNER-MID-SUPPORT-1@example.test" })).toEqual(["MID-SUPPORT-1", "MID-SUPPORT-2"]);
    expect(await ids({ q: merchant.realmId })).toEqual(["MID-SUPPORT-1"]);
    expect(await ids({ q: "mid-support-1 books" })).toEqual(["MID-SUPPORT-1"]);
    expect(await ids({ q: "%" })).toEqual([]);
    expect(await ids({ q: "no such merchant" })).toEqual([]);
  });

  it("filters by connection state and by trouble", async () => {
    expect(await ids({ q: "MID-SUPPORT", state: "active" })).toEqual(["MID-SUPPORT-1"]);
    expect(await ids({ q: "MID-SUPPORT", state: "never_connected" })).toEqual(["MID-SUPPORT-2"]);
    expect(await ids({ q: "MID-SUPPORT", failed: "1" })).toEqual([]);
    const [item] = await world.db.select({ id: syncItems.id }).from(syncItems).limit(1);
    await world.db.update(syncItems).set({ status: "failed" }).where(eq(syncItems.id, item.id));
    expect(await ids({ q: "MID-SUPPORT", failed: "1" })).toEqual(["MID-SUPPORT-1"]);
    expect(await ids({ q: "MID-SUPPORT", stale: "1" })).toEqual([]);
    expect((await searchBusinesses(world.db, { q: "MID-SUPPORT", stale: "1" }, new Date(Date.now() + 49 * 3_600_000))).rows.map((r) => r.merchantId)).toEqual(["MID-SUPPORT-1"]);
    expect(await ids({ q: "MID-SUPPORT", expiring: "1" })).toEqual([]);
    await world.db.execute(sql`update qbo_tokens set refresh_token_hard_expires_at = now() + interval '10 days' where connection_id = ${merchant.connectionId}`);
    expect(await ids({ q: "MID-SUPPORT", expiring: "1" })).toEqual(["MID-SUPPORT-1"]);
    expect(await ids({ q: "MID-SUPPORT", longPaused: "1" })).toEqual([]);
  });

  it("pages by merchant id", async () => {
    const first = await searchBusinesses(world.db, { q: "MID-SUPPORT" }, new Date(), 1);
    expect(first.rows.map((r) => r.merchantId)).toEqual(["MID-SUPPORT-1"]);
    const second = await searchBusinesses(world.db, { q: "MID-SUPPORT", after: first.next! }, new Date(), 1);
    expect(second.rows.map((r) => r.merchantId)).toEqual(["MID-SUPPORT-2"]);
    expect(second.next).toBeNull();
  });
});
