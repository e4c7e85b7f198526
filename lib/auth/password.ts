import "server-only";
import { hash, verify } from "@node-rs/argon2";

// Algorithm.Argon2id (a const enum the isolated-modules build cannot read).
const ARGON2ID = 2;

/** argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's minimum). */
export function hashPassword(plain: string): Promise<string> {
  return hash(plain, { algorithm: ARGON2ID });
}

export async function verifyPassword(passwordHash: string, plain: string): Promise<boolean> {
  try {
    return await verify(passwordHash, plain);
  } catch {
    return false;
  }
}

/** Verified against when the email is unknown, so both cases cost the same time. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword("settlebooks-decoy-password");
  return decoyHash;
}
