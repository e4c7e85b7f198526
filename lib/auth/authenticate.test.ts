import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-database";
import { authenticate } from "./authenticate";
import { FREE_FAILURES, isThrottled, recordFailure, waitSecondsAfter } from "./login-throttle";
import { hashPassword } from "./password";

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.insert(users).values([
    { email: "owner@example.test", passwordHash: await hashPassword("correct horse") },
    { email: "nopassword@example.test", passwordHash: null },
    { email: "throttled@example.test", passwordHash: await hashPassword("correct horse") },
  ]);
});
afterAll(() => t.drop());

describe("authenticate", () => {
  it("accepts the right password, whatever the email's case and spaces", async () => {
    const user = await authenticate(t.db, "  Owner@Example.TEST ", "correct horse");
    expect(user?.email).toBe("owner@example.test");
  });

  it("refuses a wrong password, an unknown email and a user without a password alike", async () => {
    expect(await authenticate(t.db, "owner@example.test", "wrong")).toBeNull();
    expect(await authenticate(t.db, "nobody@example.test", "correct horse")).toBeNull();
    expect(await authenticate(t.db, "nopassword@example.test", "")).toBeNull();
  });

  it("slows down repeated failures for one email, even with the right password", async () => {
    // Its own account and a clock of its own: the other tests' sign-ins are never throttled by this one.
    const email = "throttled@example.test";
    const now = new Date("2026-11-20T10:00:00Z");
    for (let i = 0; i < FREE_FAILURES + 2; i++) await authenticate(t.db, email, `wrong-${i}`, now);
    expect(await isThrottled(t.db, email, now)).toBe(true);
    expect(await authenticate(t.db, email, "correct horse", now)).toBeNull();
    // Once the wait has passed, the right password works again and clears the count.
    const later = new Date(now.getTime() + 60_000);
    expect(await isThrottled(t.db, email, later)).toBe(false);
    expect((await authenticate(t.db, email, "correct horse", later))?.email).toBe(email);
    expect(await isThrottled(t.db, email, later)).toBe(false);
  });

  it("throttles per email: another account is not affected", async () => {
    const now = new Date("2026-11-20T10:00:00Z");
    for (let i = 0; i < 10; i++) await recordFailure(t.db, "victim@example.test", now);
    expect(await isThrottled(t.db, "victim@example.test", now)).toBe(true);
    expect(await isThrottled(t.db, "other@example.test", now)).toBe(false);
  });

  it("grows the wait exponentially up to five minutes", () => {
    expect(waitSecondsAfter(FREE_FAILURES - 1)).toBe(0);
    expect(waitSecondsAfter(FREE_FAILURES)).toBe(1);
    expect(waitSecondsAfter(FREE_FAILURES + 3)).toBe(8);
    expect(waitSecondsAfter(100)).toBe(300);
  });
});
