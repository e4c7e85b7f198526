import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptToken, encryptToken, parseKeyring, TokenDecryptionError } from "./token-crypto";

const k1 = randomBytes(32).toString("base64");
const k2 = randomBytes(32).toString("base64");

describe("token encryption at rest", () => {
  it("round-trips and never contains the plaintext", () => {
    const keyring = parseKeyring(`k1:${k1}`);
    const secret = "AB11-refresh-token-value";
    const stored = encryptToken(keyring, secret, "conn-1:refresh");
    expect(stored).not.toContain(secret);
    expect(stored.startsWith("v1.k1.")).toBe(true);
    expect(decryptToken(keyring, stored, "conn-1:refresh")).toBe(secret);
    expect(encryptToken(keyring, secret, "conn-1:refresh")).not.toBe(stored); // random IV
  });

  it("refuses a tampered ciphertext, another row's context and an unknown key", () => {
    const keyring = parseKeyring(`k1:${k1}`);
    const stored = encryptToken(keyring, "token", "conn-1:access");
    const parts = stored.split(".");
    const body = Buffer.from(parts[3], "base64url");
    body[0] ^= 1;
    parts[3] = body.toString("base64url");
    expect(() => decryptToken(keyring, parts.join("."), "conn-1:access")).toThrow(TokenDecryptionError);
    expect(() => decryptToken(keyring, stored, "conn-2:access")).toThrow(TokenDecryptionError);
    expect(() => decryptToken(parseKeyring(`k2:${k2}`), stored, "conn-1:access")).toThrow(/no longer configured/);
  });

  it("rotates: a new first key encrypts, the old one still decrypts", () => {
    const old = encryptToken(parseKeyring(`k1:${k1}`), "old", "c");
    const rotated = parseKeyring(`k2:${k2},k1:${k1}`);
    expect(decryptToken(rotated, old, "c")).toBe("old");
    expect(encryptToken(rotated, "new", "c").startsWith("v1.k2.")).toBe(true);
  });

  it("rejects a key of the wrong size", () => {
    expect(() => parseKeyring("k1:c2hvcnQ=")).toThrow(/32 bytes/);
  });
});
