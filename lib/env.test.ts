import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

describe("parseEnv", () => {
  it("works with no variables at all in development (the demo)", () => {
    const e = parseEnv({});
    expect(e.APP_ENV).toBe("development");
    expect(e.PROCESSOR_NAME).toBe("Maple Payments");
    expect(e.DATABASE_URL).toBeUndefined();
    expect(e.AUTH_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  it("names every missing secret in production", () => {
    expect(() => parseEnv({ APP_ENV: "production" })).toThrow(/AUTH_SECRET: required when APP_ENV=production[\s\S]*TOKEN_ENCRYPTION_KEYS/);
  });

  it("names a bad variable and says what is wrong", () => {
    expect(() => parseEnv({ QBO_ENVIRONMENT: "staging" })).toThrow(/QBO_ENVIRONMENT/);
    expect(() => parseEnv({ DATABASE_URL: "not a url" })).toThrow(/DATABASE_URL/);
    expect(() => parseEnv({ AUTH_SECRET: "short" })).toThrow(/AUTH_SECRET: must be at least 32 characters/);
    expect(() => parseEnv({ TOKEN_ENCRYPTION_KEYS: "nokeyid" })).toThrow(/TOKEN_ENCRYPTION_KEYS/);
  });
});
