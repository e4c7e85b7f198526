import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * QuickBooks tokens at rest: AES-256-GCM with a random 96-bit IV per value and the owning row and
 * field as additional authenticated data, so a ciphertext copied to another connection or column
 * does not decrypt. The key id travels inside the value, so keys can be rotated: the first key of
 * TOKEN_ENCRYPTION_KEYS encrypts, every listed key still decrypts.
 */
export interface Keyring {
  currentKeyId: string;
  keys: Map<string, Buffer>;
}

export class TokenDecryptionError extends Error {}

export function parseKeyring(spec: string): Keyring {
  const keys = new Map<string, Buffer>();
  for (const entry of spec.split(",")) {
    const [id, material] = entry.split(":");
    const key = Buffer.from(material ?? "", "base64");
    if (!id || key.length !== 32) throw new Error(`TOKEN_ENCRYPTION_KEYS: key "${id}" must be 32 bytes in base64`);
    keys.set(id, key);
  }
  const currentKeyId = spec.split(":")[0];
  return { currentKeyId, keys };
}

const VERSION = "v1";

export function encryptToken(keyring: Keyring, plaintext: string, context: string): string {
  const key = keyring.keys.get(keyring.currentKeyId)!;
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, keyring.currentKeyId, iv.toString("base64url"), body.toString("base64url"), tag.toString("base64url")].join(".");
}

export function decryptToken(keyring: Keyring, ciphertext: string, context: string): string {
  const [version, keyId, iv, body, tag] = ciphertext.split(".");
  if (version !== VERSION || !keyId || !iv || !body || !tag) throw new TokenDecryptionError("The stored token is not in a known format.");
  const key = keyring.keys.get(keyId);
  if (!key) throw new TokenDecryptionError(`The stored token was encrypted with key "${keyId}", which is no longer configured.`);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new TokenDecryptionError("The stored token failed its integrity check (tampered or wrong key).");
  }
}
