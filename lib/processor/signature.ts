/**
 * The processor feed's signature: pure functions over a secret the caller passes (the secret lives
 * in lib/env, which is server-only). Producers use it too (the e2e feed signs as the processor
 * does), so this module is deliberately not marked server-only.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "x-processor-signature";

/** The header value the processor sends: `sha256=<hex HMAC-SHA256 of the raw body>`. */
export function signBody(rawBody: Uint8Array | string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(rawBody).digest("hex")}`;
}

/**
 * Checks the signature over the exact bytes received (never a re-serialization of the parsed JSON).
 * Compared in constant time so the answer's timing says nothing about how much of a guess matched.
 */
export function verifySignature(rawBody: Uint8Array | string, header: string | null | undefined, secret: string): boolean {
  if (!header) return false;
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(header.trim());
  if (!match) return false;
  const received = Buffer.from(match[1].toLowerCase(), "hex");
  const expected = createHmac("sha256", secret).update(rawBody).digest();
  return received.length === expected.length && timingSafeEqual(received, expected);
}
