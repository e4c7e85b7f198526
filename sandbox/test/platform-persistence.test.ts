import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { admin, api, startTestSandbox, TEST_APP } from "./platform-helpers";

const dir = mkdtempSync(join(tmpdir(), "sandbox-persist-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("persistence", () => {
  it("keeps companies, users, books, tokens and the clock across a restart", async () => {
    const dataFile = join(dir, "nested", "sandbox.json");
    const first = await startTestSandbox({ dataFile, limits: false });
    await admin(first, "POST", "/_sandbox/users", { email: "keep@example.com", password: "pw" });
    const realmId = (await admin(first, "POST", "/_sandbox/companies", { name: "Kept", country: "CA", region: "NS", ownerEmail: "keep@example.com" })).json.realmId;
    const tokens = (await admin(first, "POST", `/_sandbox/companies/${realmId}/tokens`, { clientId: TEST_APP.clientId })).json;
    await api(first, realmId, tokens.access_token, "POST", "/customer", { DisplayName: "Persisted" });
    await admin(first, "POST", "/_sandbox/clock", { advanceSeconds: 60 });
    await first.close();
    expect(existsSync(dataFile)).toBe(true);
    expect(readdirSync(join(dir, "nested")).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    expect(JSON.parse(readFileSync(dataFile, "utf8")).version).toBe(1);

    const second = await startTestSandbox({ dataFile, limits: false });
    try {
      expect((await admin(second, "GET", "/_sandbox/clock")).json.offsetSeconds).toBe(60);
      const customers = (await admin(second, "GET", `/_sandbox/companies/${realmId}/entities/Customer`)).json;
      expect(customers.map((c: { DisplayName: string }) => c.DisplayName)).toContain("Persisted");
      expect((await api(second, realmId, tokens.access_token, "GET", `/companyinfo/${realmId}`)).status).toBe(200);
      expect((await admin(second, "GET", `/_sandbox/companies/${realmId}`)).json.members).toEqual(["keep@example.com"]);
    } finally {
      await second.close();
    }
  });

  it("refuses a data file it cannot read, naming it", async () => {
    const dataFile = join(dir, "broken.json");
    writeFileSync(dataFile, "{not json");
    await expect(startTestSandbox({ dataFile })).rejects.toThrow(/broken\.json/);
  });
});
