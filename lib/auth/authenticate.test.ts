import { count } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loginThrottle, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-database";
import { authenticate } from "./authenticate";
import { clientAddress, SOCKET_ADDRESS_HEADER } from "./client-address";
import { FREE_FAILURES, isThrottled, MAX_THROTTLE_ROWS, pruneThrottle, recordFailure, waitSecondsAfter } from "./login-throttle";
import { hashPassword } from "./password";

let t: TestDatabase;
const HOME = "198.51.100.7";
const ATTACKER = "203.0.113.66";
const seconds = (n: number, from = new Date()) => new Date(from.getTime() + n * 1000);

beforeAll(async () => {
  t = await createTestDatabase();
  const passwordHash = await hashPassword("correct horse");
  await t.db.insert(users).values([
    { email: "owner@example.test", passwordHash },
    { email: "nopassword@example.test", passwordHash: null },
    ...Array.from({ length: 12 }, (_, i) => ({ email: `user${i}@example.test`, passwordHash })),
  ]);
});
beforeEach(() => t.db.delete(loginThrottle));
afterAll(() => t.drop());

describe("authenticate", () => {
  it("accepts the right password, whatever the email's case and spaces", async () => {
    const user = await authenticate(t.db, "  Owner@Example.TEST ", "correct horse", HOME);
    expect(user?.email).toBe("owner@example.test");
  });

  it("refuses a wrong password, an unknown email and a user without a password alike", async () => {
    expect(await authenticate(t.db, "owner@example.test", "wrong", HOME)).toBeNull();
    expect(await authenticate(t.db, "nobody@example.test", "correct horse", HOME)).toBeNull();
    expect(await authenticate(t.db, "nopassword@example.test", "", HOME)).toBeNull();
  });

  it("slows down repeated failures for one email from one address, even with the right password", async () => {
    const email = "owner@example.test";
    for (let i = 0; i < FREE_FAILURES.emailFromAddress + 2; i++) await authenticate(t.db, email, `wrong-${i}`, ATTACKER);
    expect(await isThrottled(t.db, { email, address: ATTACKER })).toBe(true);
    expect(await authenticate(t.db, email, "correct horse", ATTACKER)).toBeNull();
    // Once the wait has passed, the right password works again and clears the count.
    expect(await isThrottled(t.db, { email, address: ATTACKER }, seconds(60))).toBe(false);
  });

  it("slows down one password tried across many accounts from one address", async () => {
    const now = new Date();
    for (let i = 0; i < FREE_FAILURES.address; i++) {
      expect(await authenticate(t.db, `user${i}@example.test`, "Password1!", ATTACKER, now)).toBeNull();
    }
    // A fresh account, never tried before, is now refused from that address even with its password…
    expect(await authenticate(t.db, "user11@example.test", "correct horse", ATTACKER, now)).toBeNull();
    // …while the same account from another address is not slowed.
    expect(await authenticate(t.db, "user11@example.test", "correct horse", HOME, now)).not.toBeNull();
  });

  it("someone who knows the email cannot keep the owner out: the owner gets in once the current wait has passed", async () => {
    const email = "owner@example.test";
    let now = new Date();
    // The attacker fails again and again, from their address, whenever they are let through.
    for (let round = 0; round < 30; round++) {
      await authenticate(t.db, email, `guess-${round}`, ATTACKER, now);
      now = seconds(1, now);
    }
    expect(await isThrottled(t.db, { email, address: ATTACKER }, now)).toBe(true);
    // The owner, from home, signs in with the right password at once.
    expect(await authenticate(t.db, email, "correct horse", HOME, now)).not.toBeNull();
  });

  it("hammering inside a wait does not lengthen it; the owner gets in when it has passed", async () => {
    const email = "owner@example.test";
    const start = new Date();
    // Many addresses guessing until the email-wide allowance is spent.
    for (let i = 0; i < FREE_FAILURES.email + 3; i++) await recordFailure(t.db, { email, address: `192.0.2.${i % 250}` }, start);
    const wait = waitSecondsAfter(FREE_FAILURES.email + 3, FREE_FAILURES.email);
    expect(await authenticate(t.db, email, "correct horse", HOME, seconds(wait - 1, start))).toBeNull();
    for (let i = 0; i < 20; i++) await authenticate(t.db, email, `guess-${i}`, ATTACKER, seconds(wait - 1, start));
    expect(await authenticate(t.db, email, "correct horse", HOME, seconds(wait + 1, start))).not.toBeNull();
  });

  it("keeps a bounded store: stale counts are forgotten and the table is capped", async () => {
    const old = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    await recordFailure(t.db, { email: "stale@example.test", address: "192.0.2.1" }, old);
    await t.db.insert(loginThrottle).values(Array.from({ length: MAX_THROTTLE_ROWS + 50 }, (_, i) => ({ key: `email:unknown${i}@example.test`, failures: 1, lastFailedAt: new Date() })));
    await authenticate(t.db, "nobody-else@example.test", "x", ATTACKER);
    const [{ n }] = await t.db.select({ n: count() }).from(loginThrottle);
    expect(n).toBeLessThanOrEqual(MAX_THROTTLE_ROWS);
    await pruneThrottle(t.db);
    const keys = (await t.db.select({ key: loginThrottle.key }).from(loginThrottle)).map((r) => r.key);
    expect(keys.some((k) => k.includes("stale@example.test"))).toBe(false);
    expect(keys).toContain(`address:${ATTACKER}`);
  });

  it("grows the wait exponentially up to five minutes", () => {
    expect(waitSecondsAfter(2, 3)).toBe(0);
    expect(waitSecondsAfter(3, 3)).toBe(1);
    expect(waitSecondsAfter(6, 3)).toBe(8);
    expect(waitSecondsAfter(100, 3)).toBe(300);
  });
});

describe("client address", () => {
  const headers = (h: Record<string, string>) => new Headers(h);
  it("is the socket's address; a client's X-Forwarded-For is ignored unless TRUST_PROXY", () => {
    const h = headers({ [SOCKET_ADDRESS_HEADER]: "10.0.0.5", "x-forwarded-for": "1.2.3.4" });
    expect(clientAddress(h, false)).toBe("10.0.0.5");
    expect(clientAddress(headers({ "x-forwarded-for": "spoofed, 9.9.9.9" }), true)).toBe("9.9.9.9");
    expect(clientAddress(headers({}), false)).toBe("unknown");
  });
});
