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

  it("derives the portal's and the sandbox's URLs from PORT and SANDBOX_PORT unless they are set", () => {
    expect(parseEnv({})).toMatchObject({ PORT: 3000, APP_URL: "http://localhost:3000", SANDBOX_PORT: 4010, QBO_LOCAL_URL: "http://localhost:4010" });
    expect(parseEnv({ PORT: "3302", SANDBOX_PORT: "4302" })).toMatchObject({ APP_URL: "http://localhost:3302", QBO_LOCAL_URL: "http://localhost:4302" });
    expect(parseEnv({ PORT: "3302", APP_URL: "https://books.example.com" }).APP_URL).toBe("https://books.example.com");
    expect(() => parseEnv({ PORT: "70000" })).toThrow(/PORT/);
  });
});
