import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "../src/server";
import { admin, api, createCompany, freshCompany, grantTokens, startTestSandbox } from "./platform-helpers";

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ limits: false });
});
afterAll(() => sandbox.close());

async function customers(realmId: string): Promise<Array<{ Id: string; DisplayName: string; Active: boolean }>> {
  return (await admin(sandbox, "GET", `/_sandbox/companies/${realmId}/entities/Customer`)).json;
}

describe("authentication at the API gateway", () => {
  it("answers 401 with fault 3200 for a missing, unknown or other company's token", async () => {
    const { realmId, token } = await freshCompany(sandbox);
    const other = await freshCompany(sandbox);
    const missing = await fetch(`${sandbox.url}/v3/company/${realmId}/companyinfo/${realmId}`);
    expect(missing.status).toBe(401);
    const body = await missing.json();
    expect(body).toMatchObject({ Fault: { type: "AUTHENTICATION", Error: [{ code: "3200", Message: "message=AuthenticationFailed; errorCode=003200; statusCode=401" }] } });
    expect(body.time).toEqual(expect.any(String));
    expect((await api(sandbox, realmId, "eyJnot-a-token", "GET", `/companyinfo/${realmId}`)).status).toBe(401);
    expect((await api(sandbox, other.realmId, token, "GET", `/companyinfo/${other.realmId}`)).status).toBe(401);
    expect((await api(sandbox, realmId, token, "GET", `/companyinfo/${realmId}`)).status).toBe(200);
  });

  it("answers 401 after the expireAccessTokens and revokeGrant faults", async () => {
    const { realmId, token } = await freshCompany(sandbox);
    await admin(sandbox, "POST", `/_sandbox/companies/${realmId}/faults`, { kind: "expireAccessTokens" });
    const expired = await api(sandbox, realmId, token, "GET", `/companyinfo/${realmId}`);
    expect(expired.status).toBe(401);
    expect(expired.json.Fault.Error[0].Detail).toMatch(/^Token expired/);

    const second = await grantTokens(sandbox, realmId);
    expect((await api(sandbox, realmId, second.access_token, "GET", `/companyinfo/${realmId}`)).status).toBe(200);
    const revoked = await admin(sandbox, "POST", `/_sandbox/companies/${realmId}/faults`, { kind: "revokeGrant" });
    expect(revoked.json).toEqual({ revoked: 2 });
    expect((await api(sandbox, realmId, second.access_token, "GET", `/companyinfo/${realmId}`)).status).toBe(401);
    expect((await admin(sandbox, "GET", `/_sandbox/companies/${realmId}`)).json.connectedApps).toEqual([]);
  });
});

describe("requestid", () => {
  it("replays the original response for a repeated id without writing twice", async () => {
    const { realmId, token } = await freshCompany(sandbox);
    const first = await api(sandbox, realmId, token, "POST", "/customer?requestid=req-1&minorversion=75", { DisplayName: "Replay Customer" });
    expect(first.status).toBe(200);
    const again = await api(sandbox, realmId, token, "POST", "/customer?requestid=req-1&minorversion=75", { DisplayName: "Replay Customer" });
    expect(again).toEqual(first);
    expect((await customers(realmId)).filter((c) => c.DisplayName === "Replay Customer")).toHaveLength(1);

    // Another id is another request.
    const other = await api(sandbox, realmId, token, "POST", "/customer?requestid=req-2", { DisplayName: "Second Customer" });
    expect(other.status).toBe(200);
    expect(other.json.Customer.Id).not.toBe(first.json.Customer.Id);
  });

  it("treats ids like constructor and __proto__ as ordinary ids", async () => {
    const { realmId, token } = await freshCompany(sandbox);
    for (const id of ["constructor", "__proto__", "toString"]) {
      const first = await api(sandbox, realmId, token, "POST", `/customer?requestid=${id}`, { DisplayName: `Odd ${id}` });
      expect(first.status).toBe(200);
      expect(await api(sandbox, realmId, token, "POST", `/customer?requestid=${id}`, { DisplayName: `Odd ${id}` })).toEqual(first);
    }
    expect(await customers(realmId)).toHaveLength(3);
    expect((await admin(sandbox, "GET", "/_sandbox/companies/constructor")).status).toBe(404);
  });

  it("keeps ids per company", async () => {
    const a = await freshCompany(sandbox);
    const b = await freshCompany(sandbox);
    await api(sandbox, a.realmId, a.token, "POST", "/customer?requestid=shared", { DisplayName: "In A" });
    const inB = await api(sandbox, b.realmId, b.token, "POST", "/customer?requestid=shared", { DisplayName: "In B" });
    expect(inB.json.Customer.DisplayName).toBe("In B");
  });

  it("rejects a requestid longer than 50 characters, or 36 on a batch call", async () => {
    const { realmId, token } = await freshCompany(sandbox);
    expect((await api(sandbox, realmId, token, "POST", `/customer?requestid=${"x".repeat(50)}`, { DisplayName: "Fits" })).status).toBe(200);
    const res = await api(sandbox, realmId, token, "POST", `/customer?requestid=${"x".repeat(51)}`, { DisplayName: "Long" });
    expect(res.status).toBe(400);
    expect(res.json.Fault.Error[0]).toMatchObject({ code: "2010", Detail: expect.stringContaining("1 to 50 characters") });
    expect((await customers(realmId)).map((c) => c.DisplayName)).toEqual(["Fits"]);
    const batch = { BatchItemRequest: [{ bId: "1", Query: "select * from Customer" }] };
    expect((await api(sandbox, realmId, token, "POST", `/batch?requestid=${"b".repeat(36)}`, batch)).status).toBe(200);
    expect((await api(sandbox, realmId, token, "POST", `/batch?requestid=${"b".repeat(37)}`, batch)).status).toBe(400);
  });
});

describe("fault injection", () => {
  it("fails the next N calls with 500, 503 or 429, then recovers", async () => {
    const { realmId, token } = await freshCompany(sandbox);
    await admin(sandbox, "POST", `/_sandbox/companies/${realmId}/faults`, { kind: "http", status: 500, count: 2 });
    await admin(sandbox, "POST", `/_sandbox/companies/${realmId}/faults`, { kind: "http", status: 503, count: 1 });
    await admin(sandbox, "POST", `/_sandbox/companies/${realmId}/faults`, { kind: "http", status: 429, count: 1 });
    const statuses = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await api(sandbox, realmId, token, "POST", "/customer", { DisplayName: `C${i}` })));
    expect(statuses.map((s) => s.status)).toEqual([500, 500, 503, 429, 200]);
    expect(statuses[0].json.Fault).toMatchObject({ type: "SystemFault", Error: [{ code: "10000" }] });
    expect(statuses[3].json.Fault).toMatchObject({ type: "SERVICE", Error: [{ code: "3001", Message: "message=ThrottleExceeded; errorCode=003001; statusCode=429" }] });
    // Failed calls wrote nothing.
    expect((await customers(realmId)).map((c) => c.DisplayName)).toEqual(["C4"]);
  });

  it("lists and clears pending faults", async () => {
    const { realmId, token } = await freshCompany(sandbox);
    await admin(sandbox, "POST", `/_sandbox/companies/${realmId}/faults`, { kind: "http", status: 503, count: 3 });
    expect((await admin(sandbox, "GET", `/_sandbox/companies/${realmId}/faults`)).json.pending).toEqual([{ kind: "http", status: 503, remaining: 3 }]);
    await admin(sandbox, "DELETE", `/_sandbox/companies/${realmId}/faults`);
    expect((await api(sandbox, realmId, token, "GET", `/companyinfo/${realmId}`)).status).toBe(200);
  });

  it("hangs a call until the client gives up, or answers late with ms", async () => {
    const { realmId, token } = await freshCompany(sandbox);
    await admin(sandbox, "POST", `/_sandbox/companies/${realmId}/faults`, { kind: "hang", count: 1 });
    await expect(api(sandbox, realmId, token, "POST", "/customer", { DisplayName: "Hung" }, { signal: AbortSignal.timeout(300) }))
      .rejects.toThrow(/timeout|aborted/i);
    expect(await customers(realmId)).toHaveLength(0);

    await admin(sandbox, "POST", `/_sandbox/companies/${realmId}/faults`, { kind: "hang", count: 1, ms: 250 });
    const started = Date.now();
    const late = await api(sandbox, realmId, token, "POST", "/customer", { DisplayName: "Late" });
    expect(late.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  });

  it("drops the response of a call whose write still happened; the requestid retry gets the original answer", async () => {
    const { realmId, token } = await freshCompany(sandbox);
    await admin(sandbox, "POST", `/_sandbox/companies/${realmId}/faults`, { kind: "dropResponse", count: 1 });
    await expect(api(sandbox, realmId, token, "POST", "/customer?requestid=drop-1", { DisplayName: "Dropped" })).rejects.toThrow();
    const stored = await customers(realmId);
    expect(stored.map((c) => c.DisplayName)).toEqual(["Dropped"]);

    const retry = await api(sandbox, realmId, token, "POST", "/customer?requestid=drop-1", { DisplayName: "Dropped" });
    expect(retry.status).toBe(200);
    expect(retry.json.Customer.Id).toBe(stored[0].Id);
    expect(await customers(realmId)).toHaveLength(1);
  });

  it("makes an entity inactive and closes the books", async () => {
    const { realmId, token } = await freshCompany(sandbox);
    const created = await api(sandbox, realmId, token, "POST", "/customer", { DisplayName: "Soon Inactive" });
    const id = created.json.Customer.Id;
    expect((await admin(sandbox, "POST", `/_sandbox/companies/${realmId}/faults`, { kind: "inactive", entity: "Customer", id })).status).toBe(200);
    expect((await customers(realmId)).find((c) => c.Id === id)?.Active).toBe(false);

    expect((await admin(sandbox, "POST", `/_sandbox/companies/${realmId}/faults`, { kind: "closeBooks", before: "2026-01-01" })).json).toEqual({ closedBefore: "2026-01-01" });
    expect((await admin(sandbox, "GET", `/_sandbox/companies/${realmId}`)).json.closedBefore).toBe("2026-01-01");
  });

  it("validates fault requests with a clear message", async () => {
    const realmId = await createCompany(sandbox);
    const bad = await admin(sandbox, "POST", `/_sandbox/companies/${realmId}/faults`, { kind: "http", status: 418 });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toContain("status must be 500, 503 or 429");
    const unknown = await admin(sandbox, "POST", `/_sandbox/companies/${realmId}/faults`, { kind: "meteor" });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error).toContain("kind must be one of");
    expect((await admin(sandbox, "POST", "/_sandbox/companies/404/faults", { kind: "expireAccessTokens" })).status).toBe(404);
  });
});

describe("throttling", () => {
  it("answers 429 with fault 3001 over 10 calls a second, and lets calls through after the window", async () => {
    // The limits' clock is the test's: the whole burst arrives within one second, then the second passes.
    let ms = 0;
    const limited = await startTestSandbox({ limitsClock: () => ms });
    try {
      const { json } = await admin(limited, "POST", "/_sandbox/companies", { name: "Busy", country: "US", region: "TX" });
      const { access_token } = (await admin(limited, "POST", `/_sandbox/companies/${json.realmId}/tokens`, { clientId: "test-client" })).json;
      const burst = await Promise.all(Array.from({ length: 14 }, () => api(limited, json.realmId, access_token, "GET", `/companyinfo/${json.realmId}`)));
      const throttled = burst.filter((r) => r.status === 429);
      expect(throttled).toHaveLength(4);
      expect(burst.filter((r) => r.status === 200)).toHaveLength(10);
      expect(throttled[0].json.Fault).toMatchObject({ type: "SERVICE", Error: [{ code: "3001", Message: "message=ThrottleExceeded; errorCode=003001; statusCode=429" }] });
      ms = 999;
      expect((await api(limited, json.realmId, access_token, "GET", `/companyinfo/${json.realmId}`)).status).toBe(429);
      ms = 1_000;
      expect((await api(limited, json.realmId, access_token, "GET", `/companyinfo/${json.realmId}`)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe("the admin API", () => {
  it("is off (404) when disabled", async () => {
    const closed = await startTestSandbox({ adminApi: false });
    try {
      expect((await fetch(`${closed.url}/_sandbox/companies`, { method: "POST", body: "{}" })).status).toBe(404);
    } finally {
      await closed.close();
    }
  });

  it("validates companies and users", async () => {
    const badRegion = await admin(sandbox, "POST", "/_sandbox/companies", { name: "X", country: "CA", region: "NY" });
    expect(badRegion.status).toBe(400);
    expect(badRegion.json.error).toContain("region");
    const noOwner = await admin(sandbox, "POST", "/_sandbox/companies", { name: "X", country: "US", region: "NY", ownerEmail: "ghost@example.com" });
    expect(noOwner.status).toBe(400);
    const user = await admin(sandbox, "POST", "/_sandbox/users", { email: "Admin.User@Example.com", password: "p" });
    expect(user.json).toMatchObject({ email: "admin.user@example.com", name: "admin.user" });
    expect(user.json.passwordHash).toBeUndefined();
    expect((await admin(sandbox, "POST", "/_sandbox/users", { email: "admin.user@example.com", password: "p" })).status).toBe(409);
    const tokens = await admin(sandbox, "POST", `/_sandbox/companies/${await createCompany(sandbox)}/tokens`, { clientId: "nobody" });
    expect(tokens.status).toBe(400);
  });

  it("moves the sandbox clock forward", async () => {
    const before = (await admin(sandbox, "GET", "/_sandbox/clock")).json;
    const after = (await admin(sandbox, "POST", "/_sandbox/clock", { advanceSeconds: 86400 })).json;
    expect(after.offsetSeconds - before.offsetSeconds).toBe(86400);
    expect(Date.parse(after.now) - Date.parse(before.now)).toBeGreaterThanOrEqual(86400 * 1000);
    expect((await admin(sandbox, "POST", "/_sandbox/clock", { advanceSeconds: -1 })).status).toBe(400);
  });

  it("resets everything", async () => {
    const other = await startTestSandbox();
    try {
      await admin(other, "POST", "/_sandbox/companies", { name: "Gone", country: "CA", region: "BC" });
      expect((await admin(other, "POST", "/_sandbox/reset")).json).toEqual({ reset: true });
      expect((await admin(other, "GET", "/_sandbox/companies")).json.companies).toEqual([]);
    } finally {
      await other.close();
    }
  });
});
