import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { expect, test } from "@playwright/test";

/**
 * Fail closed on secrets: the built portal started as production (`next start` sets
 * NODE_ENV=production) must exit non-zero before it listens, naming the variable, when APP_ENV is
 * missing or a secret is the published demo value.
 */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

async function startProduction(extraEnv: Record<string, string>) {
  const port = await freePort();
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    // The portal's own variables come only from the case under test.
    if (value !== undefined && !/^(APP_ENV|AUTH_SECRET|PROCESSOR_INGEST_SECRET|TOKEN_ENCRYPTION_KEYS|QBO_)/.test(key)) env[key] = value;
  }
  // NODE_ENV=production is what `next start` sets; said explicitly so no runner setting masks it.
  const childEnv = { ...env, NODE_ENV: "production", ...extraEnv } as NodeJS.ProcessEnv;
  const child = spawn("node_modules/.bin/next", ["start", "-p", String(port)], { env: childEnv });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  let answered = false;
  const poll = setInterval(() => {
    fetch(`http://127.0.0.1:${port}/signin`).then(() => (answered = true), () => {});
  }, 100);
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGTERM");
      resolve(null);
    }, 30_000);
    child.on("exit", (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  clearInterval(poll);
  return { code, output, answered };
}

const OWN_SECRETS = {
  AUTH_SECRET: "an-operator-generated-secret-of-32-characters-or-more",
  PROCESSOR_INGEST_SECRET: "an-operator-generated-ingest-secret",
  TOKEN_ENCRYPTION_KEYS: "k9:cHJvZHVjdGlvbi1rZXktMzItYnl0ZXMtbG9uZy14eHg=",
  QBO_CLIENT_ID: "operator-client",
  QBO_CLIENT_SECRET: "operator-secret",
  QBO_WEBHOOK_VERIFIER: "operator-verifier",
};

test.describe("production start fails closed", () => {
  test("without an explicit APP_ENV", async () => {
    const { code, output, answered } = await startProduction({});
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(output).toMatch(/APP_ENV: must be set explicitly/);
    expect(answered).toBe(false);
  });

  test("with the published demo AUTH_SECRET", async () => {
    const { code, output, answered } = await startProduction({
      ...OWN_SECRETS,
      APP_ENV: "production",
      AUTH_SECRET: "settlebooks-demo-auth-secret-change-me-0123456789",
    });
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(output).toMatch(/AUTH_SECRET: is the published demo value/);
    expect(output).not.toMatch(/PROCESSOR_INGEST_SECRET/);
    expect(answered).toBe(false);
  });
});
