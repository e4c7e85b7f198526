import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { businesses, memberships, revokedSessions, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-database";
import { findBusinessAccess } from "./access";
import { removeMembership } from "./memberships";
import { endAllSessions, isSessionCurrent, revokeSession, SESSION_MAX_AGE_SECONDS, startSession } from "./sessions";

let t: TestDatabase;
let alice: string;
let bob: string;

beforeAll(async () => {
  t = await createTestDatabase();
  [{ id: alice }, { id: bob }] = await t.db
    .insert(users)
    .values([{ email: "alice@example.test" }, { email: "bob@example.test" }])
    .returning({ id: users.id });
});
afterAll(() => t.drop());

describe("server-side sessions", () => {
  it("a new session is current; a token without the claims (or a forged uid) is not", async () => {
    const session = await startSession(t.db, alice);
    expect(await isSessionCurrent(t.db, { ...session })).toBe(true);
    expect(await isSessionCurrent(t.db, { uid: alice })).toBe(false);
    expect(await isSessionCurrent(t.db, { ...session, uid: "not-a-uuid" })).toBe(false);
    expect(await isSessionCurrent(t.db, { ...session, sv: session.sv + 1 })).toBe(false);
  });

  it("Sign out ends that session only; the user's other sessions go on", async () => {
    const phone = await startSession(t.db, alice);
    const laptop = await startSession(t.db, alice);
    await revokeSession(t.db, { ...phone });
    expect(await isSessionCurrent(t.db, { ...phone })).toBe(false);
    expect(await isSessionCurrent(t.db, { ...laptop })).toBe(true);
  });

  it("Sign out everywhere (or a password change) ends every session of that user, and only theirs", async () => {
    const a1 = await startSession(t.db, alice);
    const a2 = await startSession(t.db, alice);
    const b1 = await startSession(t.db, bob);
    await endAllSessions(t.db, alice);
    expect(await isSessionCurrent(t.db, { ...a1 })).toBe(false);
    expect(await isSessionCurrent(t.db, { ...a2 })).toBe(false);
    expect(await isSessionCurrent(t.db, { ...b1 })).toBe(true);
    expect(await isSessionCurrent(t.db, { ...(await startSession(t.db, alice)) })).toBe(true);
  });

  it("keeps revoked ids no longer than a session lives (a bounded table)", async () => {
    const old = await startSession(t.db, bob);
    const longAgo = new Date(Date.now() - 2 * SESSION_MAX_AGE_SECONDS * 1000);
    await revokeSession(t.db, { ...old }, longAgo);
    await revokeSession(t.db, { ...(await startSession(t.db, bob)) });
    const ids = (await t.db.select().from(revokedSessions)).map((r) => r.sessionId);
    expect(ids).not.toContain(old.sid);
  });

  it("removing a membership ends access to that business at once, not to the others", async () => {
    const [one, two] = await t.db
      .insert(businesses)
      .values(
        ["MID-S1", "MID-S2"].map((merchantId) => ({ merchantId, legalName: merchantId, country: "CA" as const, region: "ON", currency: "CAD" as const, timezone: "America/Toronto" })),
      )
      .returning();
    await t.db.insert(memberships).values([
      { userId: bob, businessId: one.id, role: "staff" },
      { userId: bob, businessId: two.id, role: "staff" },
    ]);
    const session = await startSession(t.db, bob);
    expect(await removeMembership(t.db, one.id, bob)).toBe(true);
    expect(await isSessionCurrent(t.db, { ...session })).toBe(true);
    expect(await findBusinessAccess(t.db, bob, "MID-S1")).toBeNull();
    expect(await findBusinessAccess(t.db, bob, "MID-S2")).not.toBeNull();
  });
});
