import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, securityHeaders } from "./security-headers";

describe("security headers", () => {
  const options = { nonce: "abc123==", appUrl: "http://localhost:3000", formTargets: ["http://localhost:4010"] };

  it("allows scripts only with the request's nonce, and no framing", () => {
    const csp = contentSecurityPolicy(options);
    expect(csp).toContain("script-src 'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("form-action 'self' http://localhost:4010");
  });

  it("sends HSTS only when the portal is served over https", () => {
    expect(securityHeaders(options)["Strict-Transport-Security"]).toBeUndefined();
    const https = securityHeaders({ ...options, appUrl: "https://portal.example.com" });
    expect(https["Strict-Transport-Security"]).toMatch(/max-age=\d{7,}/);
    expect(https["Content-Security-Policy"]).toContain("upgrade-insecure-requests");
    expect(https).toMatchObject({ "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "strict-origin-when-cross-origin" });
  });

  it("makes a new nonce every time", () => {
    const nonces = new Set(Array.from({ length: 50 }, newNonce));
    expect(nonces.size).toBe(50);
  });
});
