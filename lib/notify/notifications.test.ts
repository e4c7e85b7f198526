import { createServer, type Server } from "node:http";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { memberships, notificationRecipients, notifications, qboConnections, qboPauses, qboTokens, syncItems, users } from "@/db/schema";
import { POST as webhookRoute } from "@/app/api/quickbooks/webhooks/route";
import { closeDb } from "@/lib/database";
import { resetEnvForTests } from "@/lib/env";
import { syncConnection } from "@/lib/sync/engine";
import { refreshTokensOf } from "@/lib/sync/keep-alive";
import { addConnectedBusiness, createSyncWorld, grantAndSaveTokens, syncTestDeps, type SyncWorld, type WorldBusiness } from "@/lib/sync/testing/sync-world";
import { checkScheduledCauses, notifyNeedsReauthorization, notifyReauthorized } from "./causes";
import { flushNotificationEmails } from "./email/background";
import { verifyUnsubscribe } from "./email/unsubscribe-token";
import { listInbox, markRead, unreadCount } from "./inbox";
import { saveEmailChoices } from "./preferences";
import { startTestMailCatcher, type TestMailCatcher } from "./testing/mail-catcher";

/**
 * Every cause through the real engine against the sandbox, with emails delivered over SMTP to a
 * real maildev and read back through its REST API; the webhook path through the sandbox's signed
 * notification, an HTTP server in front of the route, and the mapping health re-check.
 */
// Several full runs against the sandbox per test: more than the default 30 s on a busy machine.
vi.setConfig({ testTimeout: 120_000 });

const NOW = new Date("2026-11-10T15:00:00Z");
const DAY = 86_400_000;

let world: SyncWorld;
let mail: TestMailCatcher;
let webhookServer: Server;

beforeAll(async () => {
  mail = await startTestMailCatcher();
  webhookServer = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const response = await webhookRoute(
      new Request("http://localhost/api/quickbooks/webhooks", {
        method: "POST",
        headers: { "intuit-signature": String(req.headers["intuit-signature"] ?? ""), "content-type": "application/json" },
        body: Buffer.concat(chunks).toString("utf8"),
      }),
    );
    res.writeHead(response.status, { "content-type": "application/json" }).end(await response.text());
  });
  await new Promise<void>((resolve) => webhookServer.listen(0, "127.0.0.1", resolve));
  const { port } = webhookServer.address() as { port: number };
  Object.assign(process.env, { SMTP_URL: mail.smtpUrl, QBO_WEBHOOK_VERIFIER: "test-verifier", APP_URL: "http://localhost:3999" });
  world = await createSyncWorld({ webhookUrl: `http://127.0.0.1:${port}/api/quickbooks/webhooks` });
  resetEnvForTests();
}, 120_000);

afterAll(async () => {
  await flushNotificationEmails();
  await closeDb();
  await world?.close();
  await mail?.stop();
  webhookServer?.close();
});

/** A connected business of one test: its number names it and seeds its data, whatever ran before. */
async function business(seq: number, extra: { locale?: "en" | "fr-CA" } = {}): Promise<WorldBusiness & { ownerEmail: string }> {
  const merchantId = `MID-N${seq}`;
  const b = await addConnectedBusiness(world, { merchantId, country: "CA", region: "ON", currency: "CAD", timezone: "America/Toronto", days: 12, endDate: "2026-10-31", connectedOn: "2026-10-22", seed: seq });
  const ownerEmail = `owner-${merchantId.toLowerCase()}@example.test`;
  if (extra.locale) await world.db.update(users).set({ locale: extra.locale }).where(eq(users.email, ownerEmail));
  return { ...b, ownerEmail };
}

async function addAccountant(businessId: string, email: string, locale: "en" | "fr-CA") {
  const [user] = await world.db.insert(users).values({ email, name: "Comptable", locale }).returning();
  await world.db.insert(memberships).values({ userId: user.id, businessId, role: "accountant" });
  return user;
}

const opened = (businessId: string, kind: (typeof notifications.$inferSelect)["kind"]) =>
  world.db.select().from(notifications).where(and(eq(notifications.businessId, businessId), eq(notifications.kind, kind)));

async function reauthorize(b: WorldBusiness) {
  await grantAndSaveTokens(world, b.realmId, b.connectionId);
  await world.db.update(qboConnections).set({ status: "active", lastAuthorizedAt: new Date() }).where(eq(qboConnections.id, b.connectionId));
  // What the OAuth callback calls after storing a reauthorization.
  await notifyReauthorized(world.db, { id: b.connectionId, businessId: b.businessId });
}

describe("needs reauthorization, then recovered", () => {
  it("tells the owner once, at once, by email in their language with a Reauthorize link", async () => {
    const b = await business(1, { locale: "fr-CA" });
    const accountant = await addAccountant(b.businessId, "comptable-n1@example.test", "fr-CA");
    await world.admin("POST", `/companies/${b.realmId}/faults`, { kind: "revokeGrant" });

    const summary = await syncConnection(syncTestDeps(world, NOW), { connectionId: b.connectionId, trigger: "cli" });
    expect(summary.status).toBe("stopped");
    const [connection] = await world.db.select().from(qboConnections).where(eq(qboConnections.id, b.connectionId));
    expect(connection.status).toBe("needs_reauthorization");

    const raised = await opened(b.businessId, "needs_reauthorization");
    expect(raised).toHaveLength(1);
    const recipients = await world.db.select().from(notificationRecipients).where(eq(notificationRecipients.notificationId, raised[0].id));
    expect(recipients).toHaveLength(1); // owners only: accountants cannot reauthorize

    const [email] = await mail.waitForEmails(b.ownerEmail, 1);
    expect(email.subject).toContain("Autorisez de nouveau la connexion QuickBooks");
    expect(email.html).toContain(`http://localhost:3999/b/${b.merchantId}/quickbooks/confirm/reauthorize`);
    expect(email.text).toContain("Autoriser de nouveau");
    expect(email.text).toContain("/api/notifications/unsubscribe?");

    // The keep-alive finding the same refusal, and the run path again: still one notification, one email.
    await notifyNeedsReauthorization(world.db, { id: b.connectionId, businessId: b.businessId });
    await syncConnection(syncTestDeps(world, NOW), { connectionId: b.connectionId, trigger: "cli" });
    await flushNotificationEmails();
    expect(await opened(b.businessId, "needs_reauthorization")).toHaveLength(1);
    expect(await mail.emailsTo(b.ownerEmail)).toHaveLength(1);
    expect(await mail.emailsTo(accountant.email)).toHaveLength(0);
    expect(await unreadCount(world.db, b.businessId, recipients[0].userId)).toBe(1);

    // Reauthorized; the next successful run says "recovered", once, to owners and accountants.
    await reauthorize(b);
    expect((await opened(b.businessId, "needs_reauthorization"))[0].resolvedAt).not.toBeNull();
    const first = await syncConnection(syncTestDeps(world, NOW), { connectionId: b.connectionId, trigger: "cli" });
    expect(first.status).toBe("succeeded");
    await syncConnection(syncTestDeps(world, NOW), { connectionId: b.connectionId, trigger: "cli" });
    const recovered = await opened(b.businessId, "connection_recovered");
    expect(recovered).toHaveLength(1);
    const [accountantEmail] = await mail.waitForEmails(accountant.email, 1);
    expect(accountantEmail.subject).toContain("La connexion QuickBooks fonctionne de nouveau");

    // A new refusal after the recovery is a new cause: told again.
    await world.admin("POST", `/companies/${b.realmId}/faults`, { kind: "revokeGrant" });
    await syncConnection(syncTestDeps(world, NOW), { connectionId: b.connectionId, trigger: "cli" });
    expect(await opened(b.businessId, "needs_reauthorization")).toHaveLength(2);
  });

  it("is told from the keep-alive path too", async () => {
    const b = await business(2);
    await world.admin("POST", `/companies/${b.realmId}/faults`, { kind: "revokeGrant" });
    const outcome = await refreshTokensOf(world.db, [b.connectionId]);
    expect(outcome.refused).toEqual([b.connectionId]);
    expect(await opened(b.businessId, "needs_reauthorization")).toHaveLength(1);
    const [email] = await mail.waitForEmails(b.ownerEmail, 1);
    expect(email.subject).toContain("Reauthorize the QuickBooks connection");
  });
});

describe("failed items digest", () => {
  it("lists each new failure with its reason once per day, and nothing when nothing new failed", async () => {
    const b = await business(3);
    await world.admin("POST", `/companies/${b.realmId}/faults`, { kind: "closeBooks", before: "2026-10-25" });
    const run = await syncConnection(syncTestDeps(world, NOW), { connectionId: b.connectionId, trigger: "cli" });
    expect(run.status).toBe("partly_failed");
    const [digest] = await opened(b.businessId, "items_failed");
    const params = digest.params as { count: number; items: { reasonKey: string; processorId: string }[] };
    expect(params.count).toBe(run.itemsFailed);
    expect(params.items[0].reasonKey).toBe("faults.closedBooks.reason");

    const [email] = await mail.waitForEmails(b.ownerEmail, 1);
    expect(email.subject).toMatch(/items? could not be posted to QuickBooks/);
    expect(email.text).toContain(params.items[0].processorId);
    expect(email.text).toContain("closed"); // the plain-language reason (books closed)
    expect(email.html).toContain(`/b/${b.merchantId}/quickbooks#failed`);

    // Same day, and the next day with nothing new: no second digest.
    await syncConnection(syncTestDeps(world, NOW), { connectionId: b.connectionId, trigger: "cli" });
    await syncConnection(syncTestDeps(world, new Date(NOW.getTime() + DAY)), { connectionId: b.connectionId, trigger: "cli" });
    expect(await opened(b.businessId, "items_failed")).toHaveLength(1);

    // One item marked Ready to sync fails again the day after: a new digest with only that item.
    const [again] = await world.db.select().from(syncItems).where(and(eq(syncItems.connectionId, b.connectionId), eq(syncItems.status, "failed"))).limit(1);
    await world.db.update(syncItems).set({ status: "ready_to_sync" }).where(eq(syncItems.id, again.id));
    await syncConnection(syncTestDeps(world, new Date(NOW.getTime() + 2 * DAY)), { connectionId: b.connectionId, trigger: "cli" });
    const digests = await opened(b.businessId, "items_failed");
    expect(digests).toHaveLength(2);
    expect((digests.find((d) => d.id !== digest.id)!.params as { count: number }).count).toBe(1);
  });
});

describe("mapping health after Intuit's webhook", () => {
  it("re-checks at once when a mapped account is made inactive in QuickBooks, and tells the owner once", async () => {
    const b = await business(4);
    const [mapping] = await world.db.execute<{ revenue_account_id: string }>(sql`select revenue_account_id from qbo_mapping_versions where connection_id = ${b.connectionId}`);
    await world.admin("POST", `/companies/${b.realmId}/faults`, { kind: "inactive", entity: "Account", id: mapping.revenue_account_id });

    const until = Date.now() + 15_000;
    let raised = await opened(b.businessId, "mapping_broken");
    while (raised.length === 0 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
      raised = await opened(b.businessId, "mapping_broken");
    }
    expect(raised).toHaveLength(1);
    expect(raised[0].params).toMatchObject({ broken: [{ slot: "revenue", problem: "inactive" }] });
    const deliveries = await world.admin<{ deliveries: { state: string; realmIds: string[] }[] }>("GET", `/webhooks?realmId=${b.realmId}`);
    expect(deliveries.deliveries.some((d) => d.state === "delivered")).toBe(true);

    const [email] = await mail.waitForEmails(b.ownerEmail, 1);
    expect(email.html).toContain(`/b/${b.merchantId}/quickbooks/mapping`);
    expect(email.text).toContain("is inactive in QuickBooks");

    // The run then stops on the same broken mapping: the cause is open, so nothing new.
    const run = await syncConnection(syncTestDeps(world, NOW), { connectionId: b.connectionId, trigger: "cli" });
    expect(run.status).toBe("stopped");
    expect(await opened(b.businessId, "mapping_broken")).toHaveLength(1);
  });
});

describe("scheduled causes", () => {
  it("warns of the refresh token's hard expiry 30 days ahead, once, and resolves it when it moves", async () => {
    const b = await business(5);
    await world.db.update(qboTokens).set({ refreshTokenHardExpiresAt: new Date(NOW.getTime() + 20 * DAY) }).where(eq(qboTokens.connectionId, b.connectionId));
    await world.db.update(qboConnections).set({ lastSuccessfulSyncAt: NOW }).where(eq(qboConnections.id, b.connectionId));
    await checkScheduledCauses(world.db, NOW);
    await checkScheduledCauses(world.db, new Date(NOW.getTime() + 3_600_000));
    const raised = await opened(b.businessId, "token_expiring");
    expect(raised).toHaveLength(1);
    expect(raised[0].resolvedAt).toBeNull();
    const [email] = await mail.waitForEmails(b.ownerEmail, 1);
    expect(email.subject).toContain("The QuickBooks authorization expires on");

    await world.db.update(qboTokens).set({ refreshTokenHardExpiresAt: new Date(NOW.getTime() + 1000 * DAY) }).where(eq(qboTokens.connectionId, b.connectionId));
    await checkScheduledCauses(world.db, NOW);
    expect((await opened(b.businessId, "token_expiring"))[0].resolvedAt).not.toBeNull();
  });

  it("warns 30 days before a pause reaches its one-year limit", async () => {
    const b = await business(6);
    await world.db.update(qboConnections).set({ status: "paused", pausedAt: new Date(NOW.getTime() - 340 * DAY) }).where(eq(qboConnections.id, b.connectionId));
    await world.db.insert(qboPauses).values({ connectionId: b.connectionId, pausedFrom: "2025-12-05" });
    await checkScheduledCauses(world.db, NOW);
    await checkScheduledCauses(world.db, NOW);
    const raised = await opened(b.businessId, "pause_limit");
    expect(raised).toHaveLength(1);
    expect(raised[0].params).toMatchObject({ pausedFrom: "2025-12-05", limitDate: "2026-12-05" });
  });

  it("reports no successful sync for 48 hours while Active, once, and a successful run resolves it", async () => {
    const b = await business(7);
    await world.db.update(qboConnections).set({ lastSuccessfulSyncAt: new Date(NOW.getTime() - 49 * 3_600_000) }).where(eq(qboConnections.id, b.connectionId));
    await checkScheduledCauses(world.db, NOW);
    await checkScheduledCauses(world.db, NOW);
    expect(await opened(b.businessId, "sync_overdue")).toHaveLength(1);
    const run = await syncConnection(syncTestDeps(world, NOW), { connectionId: b.connectionId, trigger: "cli" });
    expect(run.status).toBe("succeeded");
    expect((await opened(b.businessId, "sync_overdue"))[0].resolvedAt).not.toBeNull();
  });
});

describe("inbox, email choices and the unsubscribe link", () => {
  it("keeps in-portal notifications when a kind's email is off, and reads them", async () => {
    const b = await business(8);
    const [owner] = await world.db.select().from(users).where(eq(users.email, b.ownerEmail));
    await saveEmailChoices(world.db, owner.id, { needs_reauthorization: false });
    await notifyNeedsReauthorization(world.db, { id: b.connectionId, businessId: b.businessId });
    await flushNotificationEmails();
    expect(await mail.emailsTo(b.ownerEmail)).toHaveLength(0);
    const inbox = await listInbox(world.db, b.businessId, owner.id);
    expect(inbox.map((n) => n.kind)).toEqual(["needs_reauthorization"]);
    expect(await markRead(world.db, b.businessId, owner.id, inbox[0].id)).toBe("needs_reauthorization");
    expect(await unreadCount(world.db, b.businessId, owner.id)).toBe(0);
  });

  it("signs the link per user and kind", async () => {
    const b = await business(9);
    await notifyNeedsReauthorization(world.db, { id: b.connectionId, businessId: b.businessId });
    const [email] = await mail.waitForEmails(b.ownerEmail, 1);
    const link = new URL(/http:\/\/localhost:3999\/api\/notifications\/unsubscribe\?[^"\s)\]]+/.exec(email.text)![0].replace(/&amp;/g, "&"));
    const query = Object.fromEntries(link.searchParams);
    expect(verifyUnsubscribe(query)).toMatchObject({ kind: "needs_reauthorization" });
    expect(verifyUnsubscribe({ ...query, k: "items_failed" })).toBeNull();
    expect(verifyUnsubscribe({ ...query, s: `${query.s.slice(0, -1)}A` === query.s ? query.s.replace(/.$/, "B") : `${query.s.slice(0, -1)}A` })).toBeNull();
  });
});
