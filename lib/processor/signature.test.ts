import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signBody, verifySignature } from "./signature";

const SECRET = "settlebooks-test-ingest-secret";
const body = '{"events":[]}';

describe("processor signature", () => {
  it("accepts sha256=<hex HMAC-SHA256 of the raw body>", () => {
    const header = `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`;
    expect(signBody(body, SECRET)).toBe(header);
    expect(verifySignature(body, header, SECRET)).toBe(true);
    expect(verifySignature(new TextEncoder().encode(body), header.toUpperCase().replace("SHA256=", "sha256="), SECRET)).toBe(true);
  });

  it("refuses a missing, malformed or wrong signature", () => {
    const good = signBody(body, SECRET);
    expect(verifySignature(body, null, SECRET)).toBe(false);
    expect(verifySignature(body, "", SECRET)).toBe(false);
    expect(verifySignature(body, good.slice("sha256=".length), SECRET)).toBe(false);
    expect(verifySignature(body, `sha1=${good.slice(7)}`, SECRET)).toBe(false);
    expect(verifySignature(body, good.slice(0, -2), SECRET)).toBe(false);
    expect(verifySignature(body, signBody(body, "another-secret"), SECRET)).toBe(false);
    expect(verifySignature(`${body} `, good, SECRET)).toBe(false);
  });
});
