import { and, eq, sql } from "drizzle-orm";
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
let supportUser: { userId: string; isSupport: boolean };
/** The search's merchants: MID-SUPPORT-1 connected and synced, MID-SUPPORT-2 never connected, one owner. */
let searched: WorldBusiness;
let neverConnectedId: string;

beforeAll(async () => {
  world = await createSyncWorld();
  const [support] = await world.db.insert(users).values({ email: "agent@processor.test", name: "Sam Support", isSupport: true }).returning();
  supportUser = { userId: support.id, isSupport: true };
  searched = await connectedBusiness("MID-SUPPORT-1");
  const owner = await ownerOf(searched);
  const [other] = await world.db
    .insert(businesses)
    .values({ merchantId: "MID-SUPPORT-2", legalName: "Quiet Corner Shop", country: "CA", region: "ON", currency: "CAD", timezone: "America/Toronto" })
    .returning();
  neverConnectedId = other.id;
  await world.db.insert(memberships).values({ userId: owner.userId, businessId: other.id, role: "owner" });
  // Its items posted, none failed: what the search's filters start from.
  const synced = await supportSyncNow(deps(), supportUser, { businessId: searched.businessId, reason: "first look at the merchant" });
  expect(synced).toMatchObject({ outcome: "requested", dispatch: { mode: "completed", summary: { itemsFailed: 0 } } });
}, 120_000);

afterAll(async () => {
  await world?.close();
});

const deps = () => ({ db: world.db, send: noSend });
const allowAnotherSync = (merchant: WorldBusiness) =>
  world.db.update(syncRuns).set({ startedAt: sql`started_at - interval '2 minutes'` }).where(eq(syncRuns.connectionId, merchant.connectionId));

/** A connected business with four days of card activity up to two days ago. */
function connectedBusiness(merchantId: string): Promise<WorldBusiness> {
  return addConnectedBusiness(world, {
    merchantId,
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
}

async function ownerOf(merchant: WorldBusiness): Promise<{ userId: string; isSupport: boolean }> {
  const [owner] = await world.db.select().from(users).where(eq(users.email, `owner-${merchant.merchantId.toLowerCase()}@example.test`));
  return { userId: owner.id, isSupport: false };
}

const REASON_FOR_SYNC = "merchant called about missing deposits";
const REASON_FOR_RETRY = "books reopened by the merchant";

/**
 * Each support-action test's own merchant: its books closed through today (every document fails
 * with QuickBooks' 6210), then support's sync with a reason, through the real engine.
 */
async function merchantAfterSupportSync(merchantId: string): Promise<WorldBusiness> {
  const merchant = await connectedBusiness(merchantId);
  await world.admin("POST", `/companies/${merchant.realmId}/faults`, { kind: "closeBooks", before: isoDay(1) });
  const outcome = await supportSyncNow(deps(), supportUser, { businessId: merchant.businessId, reason: REASON_FOR_SYNC });
  if (outcome.outcome !== "requested" || outcome.dispatch.mode !== "completed") throw new Error(`unexpected ${JSON.stringify(outcome)}`);
  expect(outcome.dispatch.summary.itemsFailed).toBeGreaterThan(0);
  return merchant;
}

const failedItemsOf = (merchant: WorldBusiness) =>
  world.db.select().from(syncItems).where(and(eq(syncItems.connectionId, merchant.connectionId), eq(syncItems.status, "failed")));

/** The merchant reopens the books; support moves the failed items back to Ready to sync with a reason. */
async function retryAfterBooksReopen(merchant: WorldBusiness) {
  await world.admin("POST", `/companies/${merchant.realmId}/faults`, { kind: "closeBooks", before: null });
  await allowAnotherSync(merchant);
  const failed = await failedItemsOf(merchant);
  return supportReadyToSync(deps(), supportUser, { businessId: merchant.businessId, itemIds: failed.map((f) => f.id), reason: REASON_FOR_RETRY });
}

describe("support actions", () => {
  it("runs a sync for support only, with a typed reason, through the real engine", async () => {
    const merchant = await connectedBusiness("MID-CONSOLE-1");
    await world.admin("POST", `/companies/${merchant.realmId}/faults`, { kind: "closeBooks", before: isoDay(1) });
    await expect(supportSyncNow(deps(), await ownerOf(merchant), { businessId: merchant.businessId, reason: "curious" })).rejects.toBeInstanceOf(NotSupportError);
    await expect(supportSyncNow(deps(), supportUser, { businessId: merchant.businessId, reason: "  " })).rejects.toBeInstanceOf(ZodError);

    const outcome = await supportSyncNow(deps(), supportUser, { businessId: merchant.businessId, reason: REASON_FOR_SYNC });
    expect(outcome.outcome).toBe("requested");
    if (outcome.outcome !== "requested" || outcome.dispatch.mode !== "completed") throw new Error(`unexpected ${JSON.stringify(outcome)}`);
    expect(outcome.dispatch.summary.itemsFailed).toBeGreaterThan(0);

    // A second one within the minute is refused, as for the owner.
    expect(await supportSyncNow(deps(), supportUser, { businessId: merchant.businessId, reason: "again" })).toMatchObject({ outcome: "rate_limited" });
  }, 120_000);

  it("keeps QuickBooks' fault and Intuit's intuit_tid on every failed item and on the run", async () => {
    const merchant = await merchantAfterSupportSync("MID-CONSOLE-2");
    const failed = await failedItemsOf(merchant);
    expect(failed.length).toBeGreaterThan(0);
    for (const item of failed) {
      expect(item.faultCode).toBe("6210");
      expect(item.intuitTid).toMatch(TID);
    }
    const [run] = await world.db.select().from(syncRuns).where(eq(syncRuns.connectionId, merchant.connectionId));
    expect(run.trigger).toBe("support");
    const calls = run.failedCalls as { intuitTid: string; path: string }[];
    expect(calls.map((c) => c.intuitTid)).toContain(failed[0].intuitTid);
    expect(calls.filter((c) => c.path !== "/batch")).toEqual([]);
  }, 120_000);

  it("shows support the merchant's connection, runs, failed items with intuit_tid and webhook notifications", async () => {
    const merchant = await merchantAfterSupportSync("MID-CONSOLE-3");
    await storeWebhookNotifications(world.db, [{ realmId: merchant.realmId, entity: "account", id: "33", operation: "updated" }]);
    await storeWebhookNotifications(world.db, [{ realmId: "another-realm", entity: "account", id: "1", operation: "deleted" }]);
    const view = (await supportMerchantView(world.db, merchant.businessId))!;
    expect(view.members.map((m) => [m.email, m.role])).toEqual([["owner-mid-console-3@example.test", "owner"]]);
    expect(view.connection).toMatchObject({ state: "active", realmId: merchant.realmId, companyName: "MID-CONSOLE-3 Books" });
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
  }, 120_000);

  it("moves failed items back to Ready to sync with a reason; once the books open they post", async () => {
    const merchant = await merchantAfterSupportSync("MID-CONSOLE-4");
    await world.admin("POST", `/companies/${merchant.realmId}/faults`, { kind: "closeBooks", before: null });
    await allowAnotherSync(merchant);
    const failed = await failedItemsOf(merchant);
    await expect(supportReadyToSync(deps(), await ownerOf(merchant), { businessId: merchant.businessId, itemIds: failed.map((f) => f.id), reason: "retry" })).rejects.toBeInstanceOf(NotSupportError);
    // Another business's support action never touches this business's items.
    expect((await supportReadyToSync(deps(), supportUser, { businessId: neverConnectedId, itemIds: failed.map((f) => f.id), reason: "wrong merchant" })).moved).toBe(0);
    const result = await supportReadyToSync(deps(), supportUser, { businessId: merchant.businessId, itemIds: failed.map((f) => f.id), reason: REASON_FOR_RETRY });
    expect(result.moved).toBe(failed.length);
    expect(result.dispatch).toMatchObject({ mode: "completed", summary: { itemsFailed: 0 } });
    expect(await failedItemsOf(merchant)).toHaveLength(0);
  }, 120_000);

  it("writes the owner's activity log: support's actions with their reasons and the support view, newest first, by pages", async () => {
    const merchant = await merchantAfterSupportSync("MID-CONSOLE-5");
    const result = await retryAfterBooksReopen(merchant);
    expect(result.dispatch).toMatchObject({ mode: "completed", summary: { itemsFailed: 0 } });
    await recordSupportView(world.db, supportUser, merchant.businessId);
    await expect(recordSupportView(world.db, await ownerOf(merchant), merchant.businessId)).rejects.toBeInstanceOf(NotSupportError);
    const { entries } = await activityLog(world.db, merchant.businessId, { pageSize: 50 });
    expect(entries.map((e) => e.action)).toEqual(["support.viewed", "quickbooks.items_ready_to_sync", "quickbooks.sync_requested"]);
    expect(entries.map((e) => ({ isSupport: e.actor?.isSupport, name: e.actor?.name }))).toEqual(entries.map(() => ({ isSupport: true, name: "Sam Support" })));
    expect(entries[1]).toMatchObject({ reason: REASON_FOR_RETRY, itemCount: expect.any(Number) });
    expect(entries[2]).toMatchObject({ reason: REASON_FOR_SYNC, after: { trigger: "support" } });

    const first = await activityLog(world.db, merchant.businessId, { pageSize: 2 });
    const second = await activityLog(world.db, merchant.businessId, { pageSize: 2, cursor: first.next! });
    expect([...first.entries, ...second.entries].map((e) => e.id)).toEqual(entries.map((e) => e.id));
    expect(second.next).toBeNull();
    // Another business's log holds none of it.
    expect((await activityLog(world.db, neverConnectedId)).entries).toHaveLength(0);
  }, 120_000);
});

describe("support search", () => {
  const ids = async (search: Parameters<typeof searchBusinesses>[1]) => (await searchBusinesses(world.db, search)).rows.map((r) => r.merchantId);

  it("finds a merchant by merchant id, legal name, member email, realm id and QuickBooks company name, and nothing else", async () => {
    expect(await ids({ q: "mid-support-1" })).toEqual(["MID-SUPPORT-1"]);
    expect(await ids({ q: "MID-SUPPORT" })).toEqual(["MID-SUPPORT-1", "MID-SUPPORT-2"]);
    expect(await ids({ q: "quiet corner" })).toEqual(["MID-SUPPORT-2"]);
    expect(await ids({ q: "OWNER-MID-SUPPORT-1@example.test" })).toEqual(["MID-SUPPORT-1", "MID-SUPPORT-2"]);
    expect(await ids({ q: searched.realmId })).toEqual(["MID-SUPPORT-1"]);
    expect(await ids({ q: "mid-support-1 books" })).toEqual(["MID-SUPPORT-1"]);
    expect(await ids({ q: "%" })).toEqual([]);
    expect(await ids({ q: "no such merchant" })).toEqual([]);
  });

  it("filters by connection state and by trouble", async () => {
    expect(await ids({ q: "MID-SUPPORT", state: "active" })).toEqual(["MID-SUPPORT-1"]);
    expect(await ids({ q: "MID-SUPPORT", state: "never_connected" })).toEqual(["MID-SUPPORT-2"]);
    expect(await ids({ q: "MID-SUPPORT", failed: "1" })).toEqual([]);
    const [item] = await world.db.select({ id: syncItems.id }).from(syncItems).where(eq(syncItems.connectionId, searched.connectionId)).limit(1);
    await world.db.update(syncItems).set({ status: "failed" }).where(eq(syncItems.id, item.id));
    expect(await ids({ q: "MID-SUPPORT", failed: "1" })).toEqual(["MID-SUPPORT-1"]);
    expect(await ids({ q: "MID-SUPPORT", stale: "1" })).toEqual([]);
    expect((await searchBusinesses(world.db, { q: "MID-SUPPORT", stale: "1" }, new Date(Date.now() + 49 * 3_600_000))).rows.map((r) => r.merchantId)).toEqual(["MID-SUPPORT-1"]);
    expect(await ids({ q: "MID-SUPPORT", expiring: "1" })).toEqual([]);
    await world.db.execute(sql`update qbo_tokens set refresh_token_hard_expires_at = now() + interval '10 days' where connection_id = ${searched.connectionId}`);
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
