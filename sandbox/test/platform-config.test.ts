import { describe, expect, it } from "vitest";
import { sandboxConfigFromEnv } from "../src/platform/cli-config";

describe("npm run sandbox configuration", () => {
  it("defaults to port 4010, memory state and the demo app", () => {
    const config = sandboxConfigFromEnv({});
    expect(config).toMatchObject({ port: 4010, host: "127.0.0.1", dataFile: undefined, timeScale: 1, limits: true, refreshGrace: 0, adminApi: undefined });
    expect(config.apps).toEqual([{
      clientId: "settlebooks-demo-client",
      clientSecret: "settlebooks-demo-secret",
      name: "Settlebooks (demo)",
      redirectUris: ["http://localhost:3000/api/quickbooks/callback"],
      webhookUrl: "http://localhost:3000/api/quickbooks/webhooks",
      webhookVerifier: "settlebooks-demo-verifier",
      webhookFormat: "cloudevents",
    }]);
  });

  it("reads the app from variables, with no webhook when the URL is empty", () => {
    const config = sandboxConfigFromEnv({
      SANDBOX_PORT: "0", SANDBOX_DATA_FILE: ".data/sandbox.json", SANDBOX_CLIENT_ID: "c", SANDBOX_CLIENT_SECRET: "s",
      SANDBOX_REDIRECT_URIS: "http://a.test/cb, http://b.test/cb", SANDBOX_WEBHOOK_URL: "", SANDBOX_LIMITS: "false", SANDBOX_ADMIN_API: "0",
    });
    expect(config).toMatchObject({ port: 0, dataFile: ".data/sandbox.json", limits: false, adminApi: false });
    expect(config.apps[0]).toMatchObject({ clientId: "c", redirectUris: ["http://a.test/cb", "http://b.test/cb"], webhookUrl: undefined });
  });

  it("reads apps from SANDBOX_APPS_FILE", () => {
    const file = JSON.stringify([{ clientId: "x", clientSecret: "y", redirectUris: ["http://x.test/cb"], webhookFormat: "legacy" }]);
    const config = sandboxConfigFromEnv({ SANDBOX_APPS_FILE: "/apps.json" }, () => file);
    expect(config.apps).toEqual([{ clientId: "x", clientSecret: "y", redirectUris: ["http://x.test/cb"], webhookFormat: "legacy" }]);
  });

  it("names the bad variable", () => {
    expect(() => sandboxConfigFromEnv({ SANDBOX_PORT: "port" })).toThrow(/SANDBOX_PORT is invalid/);
    expect(() => sandboxConfigFromEnv({ SANDBOX_REDIRECT_URIS: "not a url" })).toThrow(/SANDBOX_REDIRECT_URIS is invalid/);
    expect(() => sandboxConfigFromEnv({ SANDBOX_WEBHOOK_FORMAT: "xml" })).toThrow(/SANDBOX_WEBHOOK_FORMAT is invalid/);
    expect(() => sandboxConfigFromEnv({ SANDBOX_LIMITS: "maybe" })).toThrow(/SANDBOX_LIMITS is invalid/);
    expect(() => sandboxConfigFromEnv({ SANDBOX_APPS_FILE: "/apps.json" }, () => "[{}]")).toThrow(/SANDBOX_APPS_FILE \/apps.json is not a list/);
    expect(() => sandboxConfigFromEnv({ SANDBOX_APPS_FILE: "/apps.json" }, () => { throw new Error("ENOENT"); })).toThrow(/SANDBOX_APPS_FILE .*ENOENT/);
  });
});
