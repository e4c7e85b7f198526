import { createServer } from "node:net";
import { and, eq } from "drizzle-orm";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-database";
import { resetEnvForTests } from "@/lib/env";
import { startTestMailCatcher, type TestMailCatcher } from "@/lib/notify/testing/mail-catcher";
import { insertBusiness, insertMember } from "@/lib/portal/test-fixtures";
import { INVITATION_EMAIL_ACTIONS, sendInvitationEmail } from "./invitation-delivery";
import { createInvitation, openInvitation } from "./invitations";

/**
 * The invitation email through real SMTP into a real maildev, read back through its REST API, in
 * the language the owner chose; a mail server that refuses leaves the invitation and its link
 * intact, and both outcomes are audited without the token.
 */
let database: TestDatabase;
let mail: TestMailCatcher;
const saved = { SMTP_URL: process.env.SMTP_URL, APP_URL: process.env.APP_URL };

beforeAll(async () => {
  mail = await startTestMailCatcher();
  Object.assign(process.env, { SMTP_URL: mail.smtpUrl, APP_URL: "https://portal.example.test" });
  resetEnvForTests();
  database = await createTestDatabase();
}, 60_000);
afterAll(async () => {
  await database?.drop();
  await mail?.stop();
  Object.assign(process.env, saved);
  for (const [key, value] of Object.entries(saved)) if (value === undefined) delete process.env[key];
  resetEnvForTests();
});

async function ownerBusiness(merchantId: string) {
  const business = await insertBusiness(database.db, merchantId, { legalName: `Boulangerie ${merchantId}`, timezone: "America/Toronto" });
  const owner = await insertMember(database.db, `owner-${merchantId.toLowerCase()}@example.test`, business.id);
  await database.db.update(users).set({ name: "Business Owner" }).where(eq(users.id, owner.id));
  return { business, owner };
}

const audits = (businessId: string, action: string) =>
  database.db.select().from(auditEvents).where(and(eq(auditEvents.businessId, businessId), eq(auditEvents.action, action)));

describe("the invitation email", () => {
  it("reaches the invitee in English and in French with the business, who invited, the expiry and the single-use link", async () => {
    const { business, owner } = await ownerBusiness("MAIL-INV-1");
    const now = new Date("2026-12-02T15:00:00Z");
    const cases = [
      { locale: "en" as const, to: "cpa-en@example.test", subject: "Business Owner invites you to Boulangerie MAIL-INV-1 on Maple Payments", expires: "This link works once and expires on December 9, 2026" },
      { locale: "fr-CA" as const, to: "cpa-fr@example.test", subject: "Business Owner vous invite à Boulangerie MAIL-INV-1 sur Maple Payments", expires: "Ce lien ne sert qu’une fois et expire le 9 décembre 2026" },
    ];
    for (const c of cases) {
      const created = await createInvitation(database.db, { businessId: business.id, email: c.to, locale: c.locale, actorUserId: owner.id, now });
      expect(await sendInvitationEmail(database.db, { created, actorUserId: owner.id })).toBe("sent");
      const [email] = await mail.waitForEmails(c.to, 1);
      expect(email.subject).toBe(c.subject);
      expect(email.headers["content-language"]).toBe(c.locale);
      expect(email.text).toContain(c.expires);
      const link = `https://portal.example.test/invite/${created.token}`;
      expect(email.text).toContain(link);
      expect(email.html).toContain(`href="${link}"`);
      expect(email.html).toContain(`lang="${c.locale}"`);
      // The link in the email is the invitation: it opens.
      const opened = await openInvitation(database.db, new URL(link).pathname.split("/").pop()!, now);
      expect(opened.invitation.id).toBe(created.invitation.id);
    }
    const [en] = await mail.emailsTo("cpa-en@example.test");
    expect(en.text).toContain("Business Owner invites you to see the books of Boulangerie MAIL-INV-1");
    const [fr] = await mail.emailsTo("cpa-fr@example.test");
    expect(fr.text).toContain("Business Owner vous invite à consulter les livres de Boulangerie MAIL-INV-1");
    expect(fr.text).toContain("Accepter l’invitation");

    const sent = await audits(business.id, INVITATION_EMAIL_ACTIONS.sent);
    expect(sent.map((a) => (a.after as { email: string; locale: string }))).toEqual([
      expect.objectContaining({ email: "cpa-en@example.test", locale: "en" }),
      expect.objectContaining({ email: "cpa-fr@example.test", locale: "fr-CA" }),
    ]);
  });

  it("a mail server that is down: 'failed' for the owner, the invitation and its link still work, audited without the token", async () => {
    const { business, owner } = await ownerBusiness("MAIL-INV-2");
    // A port nothing listens on.
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, "127.0.0.1", () => {
        const { port: free } = server.address() as { port: number };
        server.close(() => resolve(free));
      });
    });
    const dead = nodemailer.createTransport({ url: `smtp://127.0.0.1:${port}`, connectionTimeout: 2_000 } as never);
    const created = await createInvitation(database.db, { businessId: business.id, email: "cpa-down@example.test", locale: "fr-CA", actorUserId: owner.id });
    const outcome = await sendInvitationEmail(database.db, { created, actorUserId: owner.id, send: async (message) => void (await dead.sendMail(message)) });
    expect(outcome).toBe("failed");
    expect((await openInvitation(database.db, created.token)).invitation.id).toBe(created.invitation.id);
    const [failed] = await audits(business.id, INVITATION_EMAIL_ACTIONS.failed);
    expect(failed.after).toMatchObject({ invitationId: created.invitation.id, email: "cpa-down@example.test", locale: "fr-CA", error: "ESOCKET" });
    expect(JSON.stringify(failed.after)).not.toContain(created.token);
    expect(await audits(business.id, INVITATION_EMAIL_ACTIONS.sent)).toHaveLength(0);
    expect(await mail.emailsTo("cpa-down@example.test")).toHaveLength(0);
  });
});
