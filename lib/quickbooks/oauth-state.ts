/**
 * The OAuth `state`: signed (HMAC-SHA256 with a key derived from AUTH_SECRET), bound to the user,
 * the business and the purpose, and valid 10 minutes. Its nonce is also stored and marked used on
 * the callback, so a replayed callback is refused (see connection service).
 *
 * Pure functions over a secret the caller passes (the secret lives in lib/env, which is
 * server-only); the browser tests forge an expired state with them, so this module is deliberately
 * not marked server-only.
 */
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";

export const STATE_LIFETIME_SECONDS = 10 * 60;

const payloadSchema = z.object({
  n: z.string().min(16),
  u: z.uuid(),
  b: z.uuid(),
  p: z.enum(["connect", "reauthorize"]),
  e: z.number().int(),
});
export type OAuthStatePayload = { nonce: string; userId: string; businessId: string; purpose: "connect" | "reauthorize"; expiresAt: Date };

function stateKey(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "settlebooks", "quickbooks oauth state", 32));
}

export function createState(secret: string, input: Omit<OAuthStatePayload, "nonce" | "expiresAt">, now = new Date()): { state: string; payload: OAuthStatePayload } {
  const payload: OAuthStatePayload = {
    ...input,
    nonce: randomBytes(18).toString("base64url"),
    // Whole seconds: the same instant the signed state carries.
    expiresAt: new Date((Math.floor(now.getTime() / 1000) + STATE_LIFETIME_SECONDS) * 1000),
  };
  const body = Buffer.from(
    JSON.stringify({ n: payload.nonce, u: payload.userId, b: payload.businessId, p: payload.purpose, e: Math.floor(payload.expiresAt.getTime() / 1000) }),
  ).toString("base64url");
  const signature = createHmac("sha256", stateKey(secret)).update(body).digest("base64url");
  return { state: `${body}.${signature}`, payload };
}

export type StateCheck = { ok: true; payload: OAuthStatePayload } | { ok: false; reason: "malformed" | "bad_signature" | "expired" };

export function verifyState(secret: string, state: string, now = new Date()): StateCheck {
  const [body, signature, extra] = state.split(".");
  if (!body || !signature || extra !== undefined) return { ok: false, reason: "malformed" };
  const expected = createHmac("sha256", stateKey(secret)).update(body).digest();
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "bad_signature" };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: "malformed" };
  const p = parsed.data;
  const expiresAt = new Date(p.e * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, payload: { nonce: p.n, userId: p.u, businessId: p.b, purpose: p.p, expiresAt } };
}
