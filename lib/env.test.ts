import { describe, expect, it, vi } from "vitest";
import { parseEnv, refuseToStartWithUnsafeEnvironment } from "./env";

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

  it("requires an explicit APP_ENV under a production build (next start sets NODE_ENV=production)", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/APP_ENV: must be set explicitly when NODE_ENV=production/);
    expect(parseEnv({ NODE_ENV: "production", APP_ENV: "development" }).AUTH_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  it("refuses each published demo secret in production, naming it", () => {
    const demo = parseEnv({ APP_ENV: "development" });
    const own = {
      APP_ENV: "production",
      AUTH_SECRET: "a-production-secret-of-at-least-32-characters",
      PROCESSOR_INGEST_SECRET: "a-production-ingest-secret",
      TOKEN_ENCRYPTION_KEYS: "k9:cHJvZHVjdGlvbi1rZXktMzItYnl0ZXMtbG9uZy14eHg=",
      QBO_CLIENT_ID: "prod-client",
      QBO_CLIENT_SECRET: "prod-secret",
      QBO_WEBHOOK_VERIFIER: "prod-verifier",
      SMTP_URL: "smtps://notifications:secret@mail.example.com:465",
    };
    expect(parseEnv(own).AUTH_SECRET).toBe(own.AUTH_SECRET);
    for (const key of ["AUTH_SECRET", "PROCESSOR_INGEST_SECRET", "TOKEN_ENCRYPTION_KEYS", "QBO_CLIENT_ID", "QBO_CLIENT_SECRET", "QBO_WEBHOOK_VERIFIER"] as const) {
      expect(() => parseEnv({ ...own, [key]: demo[key] })).toThrow(new RegExp(`${key}: is the published demo value`));
    }
  });

  it("stops the process with a non-zero exit before serving, naming the variable", () => {
    const errors: string[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((m: string) => void errors.push(m));
    const exit = vi.fn((code: number): never => {
      throw new Error(`exit ${code}`);
    });
    expect(() => refuseToStartWithUnsafeEnvironment({ NODE_ENV: "production" }, exit)).toThrow("exit 1");
    expect(errors.join("\n")).toMatch(/APP_ENV/);
    exit.mockClear();
    refuseToStartWithUnsafeEnvironment({ NODE_ENV: "production", APP_ENV: "test" }, exit);
    expect(exit).not.toHaveBeenCalled();
    spy.mockRestore();
  });
});
