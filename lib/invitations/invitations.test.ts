import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, memberships, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-database";
import { findBusinessAccess } from "@/lib/auth/access";
import { verifyPassword } from "@/lib/auth/password";
import { insertBusiness, insertMember } from "@/lib/portal/test-fixtures";
import {
  acceptInvitation,
  acceptWithNewAccount,
  createInvitation,
  InvitationRefusedError,
  listInvitations,
  openInvitation,
  revokeInvitation,
} from "./invitations";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

async function ownerBusiness(merchantId: string) {
  const business = await insertBusiness(database.db, merchantId);
  const owner = await insertMember(database.db, `owner-${merchantId.toLowerCase()}@example.test`, business.id);
  return { business, owner };
}

const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => (error instanceof InvitationRefusedError ? error.code : error));

describe("accountant invitations", () => {
  it("a new account accepts once: accountant access, a password that signs in, every step audited", async () => {
    const { db } = database;
    const { business, owner } = await ownerBusiness("INV-NEW");
    const created = await createInvitation(db, { businessId: business.id, email: " Books@Example.TEST ", locale: "fr-CA", actorUserId: owner.id });
    expect(created.path).toBe(`/invite/${created.token}`);
    expect(created.invitation.email).toBe("books@example.test");
    expect(created.invitation.tokenHash).not.toContain(created.token);
    expect((await openInvitation(db, created.token)).accountExists).toBe(false);

    const { merchantId, email } = await acceptWithNewAccount(db, { token: created.token, name: "Books", password: "a long password 123", locale: "fr-CA" });
    expect(merchantId).toBe("INV-NEW");
    const [user] = await db.select().from(users).where(eq(users.email, email));
    expect(await verifyPassword(user.passwordHash!, "a long password 123")).toBe(true);
    expect((await findBusinessAccess(db, user.id, "INV-NEW"))?.role).toBe("accountant");

    // Single use.
    expect(await refusal(acceptWithNewAccount(db, { token: created.token, name: "Again", password: "another password 1", locale: "en" }))).toBe("used");
    expect(await refusal(openInvitation(db, created.token))).toBe("used");
    expect((await listInvitations(db, business.id)).map((i) => i.state)).toEqual(["accepted"]);

    // Revoking the accepted invitation removes access at once.
    await revokeInvitation(db, { businessId: business.id, invitationId: created.invitation.id, actorUserId: owner.id });
    expect(await findBusinessAccess(db, user.id, "INV-NEW")).toBeNull();
    expect((await listInvitations(db, business.id)).map((i) => i.state)).toEqual(["revoked"]);

    const actions = (await db.select().from(auditEvents).where(eq(auditEvents.businessId, business.id))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["invitation.created", "invitation.accepted", "invitation.revoked"]));
  });

  it("an existing account accepts only when signed in with the invited email", async () => {
    const { db } = database;
    const { business, owner } = await ownerBusiness("INV-OLD");
    const other = await ownerBusiness("INV-OTHER");
    const accountant = await insertMember(db, "cpa@example.test", other.business.id, "accountant");
    const created = await createInvitation(db, { businessId: business.id, email: "cpa@example.test", locale: "en", actorUserId: owner.id });
    expect((await openInvitation(db, created.token)).accountExists).toBe(true);
    expect(await refusal(acceptInvitation(db, { token: created.token, userId: other.owner.id }))).toBe("wrong_account");
    expect(await refusal(acceptWithNewAccount(db, { token: created.token, name: "x", password: "a long password 123", locale: "en" }))).toBe("account_exists");
    expect(await acceptInvitation(db, { token: created.token, userId: accountant.id })).toBe("INV-OLD");
    expect((await findBusinessAccess(db, accountant.id, "INV-OLD"))?.role).toBe("accountant");
    // Its access elsewhere is untouched.
    expect((await findBusinessAccess(db, accountant.id, "INV-OTHER"))?.role).toBe("accountant");
  });

  it("expires after 7 days; a revoked pending link no longer opens; an unknown token is refused; members are not invited twice", async () => {
    const { db } = database;
    const { business, owner } = await ownerBusiness("INV-EXP");
    const then = new Date("2026-11-01T12:00:00Z");
    const created = await createInvitation(db, { businessId: business.id, email: "late@example.test", locale: "en", actorUserId: owner.id, now: then });
    expect((await openInvitation(db, created.token, new Date("2026-11-08T11:59:00Z"))).invitation.id).toBe(created.invitation.id);
    expect(await refusal(openInvitation(db, created.token, new Date("2026-11-08T12:00:00Z")))).toBe("expired");
    expect(await refusal(acceptWithNewAccount(db, { token: created.token, name: "x", password: "a long password 123", locale: "en", now: new Date("2026-11-09T00:00:00Z") }))).toBe("expired");

    const pending = await createInvitation(db, { businessId: business.id, email: "gone@example.test", locale: "en", actorUserId: owner.id });
    await revokeInvitation(db, { businessId: business.id, invitationId: pending.invitation.id, actorUserId: owner.id });
    expect(await refusal(openInvitation(db, pending.token))).toBe("revoked");
    expect(await refusal(openInvitation(db, "not-a-token"))).toBe("not_found");
    expect(await refusal(createInvitation(db, { businessId: business.id, email: owner.email, locale: "en", actorUserId: owner.id }))).toBe("already_member");

    // Another business's owner cannot revoke it.
    const stranger = await ownerBusiness("INV-STRANGER");
    const third = await createInvitation(db, { businessId: business.id, email: "third@example.test", locale: "en", actorUserId: owner.id });
    expect(await refusal(revokeInvitation(db, { businessId: stranger.business.id, invitationId: third.invitation.id, actorUserId: stranger.owner.id }))).toBe("not_found");
    const members = await db.select().from(memberships).where(and(eq(memberships.businessId, business.id)));
    expect(members).toHaveLength(1);
  });
});
