import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createState, STATE_LIFETIME_SECONDS, verifyState } from "./oauth-state";

const secret = "a-test-secret-that-is-long-enough-0123456789";
const input = { userId: randomUUID(), businessId: randomUUID(), purpose: "connect" as const };

describe("OAuth state", () => {
  it("verifies what it signed and carries user, business and purpose", () => {
    const { state, payload } = createState(secret, input);
    const check = verifyState(secret, state);
    expect(check).toEqual({ ok: true, payload });
  });

  it("refuses a tampered, foreign or truncated state", () => {
    const { state } = createState(secret, input);
    const [body, sig] = state.split(".");
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, "base64url").toString()), b: randomUUID() })).toString("base64url");
    expect(verifyState(secret, `${forged}.${sig}`)).toEqual({ ok: false, reason: "bad_signature" });
    expect(verifyState("another-secret-of-enough-length-0123456789", state)).toEqual({ ok: false, reason: "bad_signature" });
    expect(verifyState(secret, body)).toEqual({ ok: false, reason: "malformed" });
    expect(verifyState(secret, "")).toEqual({ ok: false, reason: "malformed" });
  });

  it("expires after ten minutes", () => {
    const now = new Date("2026-11-20T12:00:00Z");
    const { state } = createState(secret, input, now);
    expect(verifyState(secret, state, new Date(now.getTime() + (STATE_LIFETIME_SECONDS - 1) * 1000)).ok).toBe(true);
    expect(verifyState(secret, state, new Date(now.getTime() + STATE_LIFETIME_SECONDS * 1000))).toEqual({ ok: false, reason: "expired" });
  });
});
