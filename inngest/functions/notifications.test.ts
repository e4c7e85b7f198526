import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import type { SendMailOptions } from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memberships, notificationRecipients, notifications, qboTokens, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-database";
import { resetEnvForTests } from "@/lib/env";
import { notifyNeedsReauthorization } from "@/lib/notify/causes";
import { MAX_EMAIL_ATTEMPTS } from "@/lib/notify/email/deliver";
import { saveTokens } from "@/lib/quickbooks/token-store";
import { connectedBusiness } from "@/lib/sync/sync-test-fixtures";
import { createCheckNotificationCauses, createDeliverNotificationEmails } from "./notifications";

const NOW = new Date("2026-11-21T07:30:00Z");
const DAY = 86_400_000;

let database: TestDatabase;
beforeAll(async () => {
  // Inngest mode: the process that raises a notification sends nothing itself; the function does.
  process.env.INNGEST_BASE_URL = "http://127.0.0.1:9";
  resetEnvForTests();
  database = await createTestDatabase();
});
afterAll(async () => {
  delete process.env.INNGEST_BASE_URL;
  resetEnvForTests();
  await database?.drop();
});

async function ownedBusiness(merchantId: string, locale: "en" | "fr-CA") {
  const { db } = database;
  const { business, connection } = await connectedBusiness(db, merchantId, { status: "active", realmId: `realm-${merchantId}`, companyName: `${merchantId} Books` });
  const [owner] = await db.insert(users).values({ email: `${merchantId.toLowerCase()}@example.test`, name: "Olive", locale }).returning();
  await db.insert(memberships).values({ userId: owner.id, businessId: business.id, role: "owner" });
  return { business, connection, owner };
}

describe("deliver-notification-emails (Inngest mode)", () => {
  it("retries a pass whose sends failed, then sends each waiting email once, in the recipient's language", async () => {
    const { db } = database;
    const { business, connection, owner } = await ownedBusiness("NF-1", "fr-CA");
    await notifyNeedsReauthorization(db, connection);
    const [pending] = await db.select().from(notificationRecipients).where(eq(notificationRecipients.userId, owner.id));
    expect(pending.emailState).toBe("pending");

    const refused = new InngestTestEngine({
      function: createDeliverNotificationEmails({ db: () => db, send: async () => Promise.reject(new Error("421 try later")) }),
    });
    const failed = await refused.execute();
    expect(failed.error).toBeTruthy();
    const [afterFailure] = await db.select().from(notificationRecipients).where(eq(notificationRecipients.userId, owner.id));
    expect(afterFailure).toMatchObject({ emailState: "pending", emailAttempts: 1, emailError: "421 try later" });

    const sent: SendMailOptions[] = [];
    // A fresh engine per run: one engine memoizes its steps' results.
    const deliver = () => new InngestTestEngine({ function: createDeliverNotificationEmails({ db: () => db, send: async (m) => void sent.push(m) }) }).execute();
    expect((await deliver()).result).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect((await deliver()).result).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(sent).toHaveLength(1);
    expect(sent[0].to).toEqual({ name: "Olive", address: owner.email });
    expect(String(sent[0].subject)).toContain("Autorisez de nouveau la connexion QuickBooks");
    expect(String(sent[0].subject)).toContain(business.legalName);
    expect(String(sent[0].text)).toContain("Bonjour Olive,");
    expect(String(sent[0].html)).toContain(`/b/${business.merchantId}/quickbooks/confirm/reauthorize`);
    expect(sent[0].headers).toMatchObject({ "Content-Language": "fr-CA", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" });
  });

  it("gives an email up after its last attempt", async () => {
    const { db } = database;
    const { connection, owner } = await ownedBusiness("NF-2", "en");
    await notifyNeedsReauthorization(db, connection);
    const refused = () => new InngestTestEngine({ function: createDeliverNotificationEmails({ db: () => db, send: async () => Promise.reject(new Error("550 no such user")) }) });
    for (let i = 0; i < MAX_EMAIL_ATTEMPTS; i += 1) await refused().execute();
    const [row] = await db.select().from(notificationRecipients).where(eq(notificationRecipients.userId, owner.id));
    expect(row).toMatchObject({ emailState: "failed", emailAttempts: MAX_EMAIL_ATTEMPTS });
  });
});

describe("check-notification-causes (hourly)", () => {
  it("raises the authorization-expiry warning once", async () => {
    const { db } = database;
    const { business, connection } = await ownedBusiness("NF-3", "en");
    await saveTokens(db, connection.id, {
      accessToken: "a",
      refreshToken: "r",
      accessTokenExpiresAt: new Date(NOW.getTime() + 3_600_000),
      refreshTokenExpiresAt: new Date(NOW.getTime() + 90 * DAY),
      refreshTokenHardExpiresAt: new Date(NOW.getTime() + 10 * DAY),
    });
    await db.update(qboTokens).set({ refreshedAt: NOW }).where(eq(qboTokens.connectionId, connection.id));
    const check = () => new InngestTestEngine({ function: createCheckNotificationCauses({ db: () => db, now: () => NOW }) }).execute();
    await check();
    await check();
    const raised = await db.select().from(notifications).where(eq(notifications.businessId, business.id));
    expect(raised.map((n) => n.kind)).toContain("token_expiring");
    expect(raised.filter((n) => n.kind === "token_expiring")).toHaveLength(1);
  });
});
