import { createHash } from "node:crypto";
import { InvalidPostingInputError } from "./errors";

/**
 * DocNumber: a short, deterministic, collision-free form of a processor id (QuickBooks allows 21
 * characters). The sync engine finds a document again by it after an unknown outcome, so the same
 * id must always give the same DocNumber and two ids must never give the same one.
 *
 * - An id that already fits — 1 to 21 characters of [0-9a-z._-] — is its own DocNumber, unless it
 *   has the shape of a hashed DocNumber (below), in which case it is hashed like any other id.
 * - Any other id (too long, upper case, other characters) becomes `<tail>-<hash>`: up to 7
 *   characters of the id's last alphanumeric run (so a person can recognize it, e.g. the sequence
 *   number "00042"), a dash, and 13 base32 characters (65 bits) of SHA-256 of the full id.
 *
 * Why collision-free: pass-through ids are distinct because the ids are; a pass-through id never
 * has the hashed shape, so it cannot equal a hashed one; two hashed ones coincide only if 65 bits
 * of SHA-256 do (≈ 1.4·10⁻⁸ for a million ids). Everything produced is lower case, so the result
 * stays unique even if QuickBooks compares DocNumbers case-insensitively ("abc" vs "ABC": the
 * upper-case id is hashed, never passed through).
 */
export const DOC_NUMBER_MAX_LENGTH = 21;

const PASS_THROUGH = /^[0-9a-z._-]{1,21}$/;
const HASHED_SHAPE = /^[0-9a-z]{0,7}-[a-z2-7]{13}$/;
const HASH_CHARS = 13;
const TAIL_CHARS = 7;
const BASE32 = "abcdefghijklmnopqrstuvwxyz234567"; // RFC 4648 alphabet, lower case

export function docNumberFor(processorId: string): string {
  if (processorId.length === 0) throw new InvalidPostingInputError("processor id must not be empty");
  if (PASS_THROUGH.test(processorId) && !HASHED_SHAPE.test(processorId)) return processorId;
  return `${tailOf(processorId)}-${base32Prefix(createHash("sha256").update(processorId, "utf8").digest(), HASH_CHARS)}`;
}

/** Whether a DocNumber was produced by hashing (so it is not the processor id itself). */
export function isHashedDocNumber(docNumber: string): boolean {
  return HASHED_SHAPE.test(docNumber);
}

function tailOf(processorId: string): string {
  const runs = processorId.toLowerCase().match(/[0-9a-z]+/g);
  const last = runs?.[runs.length - 1] ?? "";
  return last.slice(-TAIL_CHARS);
}

function base32Prefix(bytes: Uint8Array, chars: number): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += BASE32[(buffer >> bits) & 31];
      if (out.length === chars) return out;
    }
  }
  return out;
}
