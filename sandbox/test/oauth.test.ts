import OAuthClient from "intuit-oauth";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningSandbox } from "../src/server";
import { admin, api, type Json, authorizeWithForms, basic, createCompany, SCOPE, startTestSandbox, TEST_APP } from "./platform-helpers";

let sandbox: RunningSandbox;

function pointIntuitOAuthAt(url: string): void {
  OAuthClient.authorizeEndpoint = `${url}/connect/oauth2`;
  OAuthClient.tokenEndpoint = `${url}/oauth2/v1/tokens/bearer`;
  OAuthClient.revokeEndpoint = `${url}/v2/oauth2/tokens/revoke`;
  OAuthClient.userinfo_endpoint_sandbox = `${url}/v1/openid_connect/userinfo`;
  OAuthClient.userinfo_endpoint_production = `${url}/v1/openid_connect/userinfo`;
  OAuthClient.retryConfig = { ...OAuthClient.retryConfig, maxRetries: 0 };
}

function newClient(extra: Partial<ConstructorParameters<typeof OAuthClient>[0]> = {}): OAuthClient {
  return new OAuthClient({
    clientId: TEST_APP.clientId,
    clientSecret: TEST_APP.clientSecret,
    environment: "sandbox",
    redirectUri: TEST_APP.redirectUris[0],
    ...extra,
  });
}

let userSeq = 0;
async function connect(client: OAuthClient, scope: string | string[] = [SCOPE]): Promise<{ realmId: string; state: string; json: Record<string, unknown> }> {
  userSeq += 1;
  const authorizeUrl = client.authorizeUri({ scope, state: `state-${userSeq}` });
  const callback = await authorizeWithForms(sandbox, {
    authorizeUrl,
    user: { email: `owner${userSeq}@example.com`, password: "pw-123456", name: "Olive Owner", signUp: true },
    company: { create: { name: `Company ${userSeq}`, country: "CA", region: "QC" } },
  });
  const created = await client.createToken(callback);
  const url = new URL(callback);
  return { realmId: url.searchParams.get("realmId")!, state: url.searchParams.get("state")!, json: created.getJson() };
}

async function tokenRequest(form: Record<string, string>, auth = basic(TEST_APP.clientId, TEST_APP.clientSecret), headers: Record<string, string> = {}) {
  const res = await fetch(`${sandbox.url}/oauth2/v1/tokens/bearer`, {
    method: "POST",
    headers: { authorization: auth, "content-type": "application/x-www-form-urlencoded", accept: "application/json", ...headers },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, json: (await res.json()) as Json };
}

beforeAll(async () => {
  sandbox = await startTestSandbox({ limits: false });
  pointIntuitOAuthAt(sandbox.url);
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  await admin(sandbox, "POST", "/_sandbox/clock", { advanceSeconds: 0 });
});

describe("intuit-oauth against the sandbox", () => {
  it("completes createToken from the authorize pages, then refresh and revoke", async () => {
    const client = newClient();
    const { realmId, state, json } = await connect(client);
    expect(Object.keys(json).sort()).toEqual(["access_token", "expires_in", "refresh_token", "token_type", "x_refresh_token_expires_in"]);
    expect(state).toBe(`state-${userSeq}`);
    expect(realmId).toMatch(/^\d{16}$/);

    const token = client.getToken();
    expect(token.realmId).toBe(realmId);
    expect(token.token_type).toBe("bearer");
    expect(token.expires_in).toBe(3600);
    expect(token.x_refresh_token_expires_in).toBe(8640000);
    expect(client.isAccessTokenValid()).toBe(true);
    const first = { access: token.access_token, refresh: token.refresh_token };

    expect((await api(sandbox, realmId, first.access, "GET", `/companyinfo/${realmId}`)).status).toBe(200);

    const refreshed = await client.refresh();
    expect(refreshed.getJson()).toEqual({
      token_type: "bearer",
      expires_in: 3600,
      access_token: expect.any(String),
      refresh_token: expect.any(String),
      x_refresh_token_expires_in: 8640000,
    });
    // revoke() clears the client's Token object, so keep the strings.
    const { access_token: secondAccess, refresh_token: secondRefresh } = client.getToken().getToken();
    const second = { access_token: secondAccess!, refresh_token: secondRefresh! };
    expect(second.refresh_token).not.toBe(first.refresh);
    expect(second.access_token).not.toBe(first.access);
    // Access tokens issued earlier stay good until they expire.
    expect((await api(sandbox, realmId, first.access, "GET", `/companyinfo/${realmId}`)).status).toBe(200);

    await client.revoke();
    const afterRevoke = await api(sandbox, realmId, second.access_token, "GET", `/companyinfo/${realmId}`);
    expect(afterRevoke.status).toBe(401);
    expect(afterRevoke.json.Fault.Error[0].code).toBe("3200");
    expect(afterRevoke.json.Fault.type).toBe("AUTHENTICATION");
    await expect(newClient().refreshUsingToken(second.refresh_token)).rejects.toMatchObject({ error: "invalid_grant" });
  });

  it("sends access_denied with the state when the user cancels", async () => {
    const client = newClient();
    const callback = await authorizeWithForms(sandbox, {
      authorizeUrl: client.authorizeUri({ scope: [SCOPE], state: "keep-me" }),
      user: { email: "canceller@example.com", password: "pw", signUp: true },
      company: { create: { name: "Cancel Co", country: "US", region: "NY" } },
      decision: "cancel",
    });
    const url = new URL(callback);
    expect(`${url.origin}${url.pathname}`).toBe(TEST_APP.redirectUris[0]);
    expect(url.searchParams.get("error")).toBe("access_denied");
    expect(url.searchParams.get("state")).toBe("keep-me");
    expect(url.searchParams.has("code")).toBe(false);
  });

  it("lets an existing user connect one of their companies", async () => {
    await admin(sandbox, "POST", "/_sandbox/users", { email: "existing@example.com", password: "secret-pw", name: "Ex Isting" });
    const realmId = await createCompany(sandbox, { name: "Existing Books", country: "US", region: "CA", ownerEmail: "existing@example.com" });
    const client = newClient();
    const callback = await authorizeWithForms(sandbox, {
      authorizeUrl: client.authorizeUri({ scope: [SCOPE, "openid", "email", "profile"], state: "s" }),
      user: { email: "existing@example.com", password: "secret-pw" },
      company: { realmId },
    });
    expect(new URL(callback).searchParams.get("realmId")).toBe(realmId);
    await client.createToken(callback);
    const info = await client.getUserInfo();
    expect(info.getJson()).toMatchObject({ email: "existing@example.com", givenName: "Ex", familyName: "Isting" });
  });

  it("refuses a refreshed-away refresh token with invalid_grant", async () => {
    const client = newClient();
    await connect(client);
    const old = client.getToken().refresh_token;
    await client.refresh();
    const newest = client.getToken().refresh_token;
    await expect(newClient().refreshUsingToken(old)).rejects.toMatchObject({ error: "invalid_grant" });
    // The newest one still works.
    await newClient().refreshUsingToken(newest);
  });

  it("honours a refresh grace period when configured", async () => {
    const graceful = await startTestSandbox({ limits: false, refreshGrace: 60 });
    try {
      const realmId = (await admin(graceful, "POST", "/_sandbox/companies", { name: "G", country: "CA", region: "ON" })).json.realmId;
      const first = (await admin(graceful, "POST", `/_sandbox/companies/${realmId}/tokens`, { clientId: TEST_APP.clientId })).json;
      const post = (rt: string) => fetch(`${graceful.url}/oauth2/v1/tokens/bearer`, {
        method: "POST",
        headers: { authorization: basic(TEST_APP.clientId, TEST_APP.clientSecret), "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: rt }).toString(),
      });
      expect((await post(first.refresh_token)).status).toBe(200);
      expect((await post(first.refresh_token)).status).toBe(200);
      await admin(graceful, "POST", "/_sandbox/clock", { advanceSeconds: 61 });
      expect((await post(first.refresh_token)).status).toBe(400);
    } finally {
      await graceful.close();
    }
  });

  it("reports the hard expiry only when asked for it", async () => {
    const client = newClient({ includeRefreshTokenHardExpiresIn: true } as never);
    await connect(client);
    const hard = client.getToken().x_refresh_token_hard_expires_in;
    expect(hard).toBeGreaterThan(4 * 365 * 86400);
    expect(hard).toBeLessThanOrEqual(5 * 366 * 86400);
  });

  it("refuses a used or expired authorization code, and a mismatched redirect_uri", async () => {
    const client = newClient();
    const { realmId } = await connect(client);
    expect(realmId).toBeTruthy();

    const code = async () => {
      const callback = await authorizeWithForms(sandbox, {
        authorizeUrl: newClient().authorizeUri({ scope: [SCOPE], state: "x" }),
        user: { email: `owner${userSeq}@example.com`, password: "pw-123456" },
        company: { realmId },
      });
      return new URL(callback).searchParams.get("code")!;
    };

    const used = await code();
    const redirect_uri = TEST_APP.redirectUris[0];
    expect((await tokenRequest({ grant_type: "authorization_code", code: used, redirect_uri })).status).toBe(200);
    const again = await tokenRequest({ grant_type: "authorization_code", code: used, redirect_uri });
    expect(again).toMatchObject({ status: 400, json: { error: "invalid_grant" } });

    const wrongRedirect = await code();
    expect(await tokenRequest({ grant_type: "authorization_code", code: wrongRedirect, redirect_uri: "http://localhost:3999/other" }))
      .toMatchObject({ status: 400, json: { error: "invalid_grant" } });

    const late = await code();
    await admin(sandbox, "POST", "/_sandbox/clock", { advanceSeconds: 301 });
    expect(await tokenRequest({ grant_type: "authorization_code", code: late, redirect_uri }))
      .toMatchObject({ status: 400, json: { error: "invalid_grant" } });
  });

  it("never lets a refresh token chain outlive five years from the first grant", async () => {
    const realmId = await createCompany(sandbox);
    const first = await admin(sandbox, "POST", `/_sandbox/companies/${realmId}/tokens`, { clientId: TEST_APP.clientId });
    let refreshToken: string = first.json.refresh_token;
    const lifetimes: number[] = [];
    for (let i = 0; i < 30; i += 1) {
      await admin(sandbox, "POST", "/_sandbox/clock", { advanceSeconds: 99 * 86400 });
      const res = await tokenRequest({ grant_type: "refresh_token", refresh_token: refreshToken }, undefined, { "x-include-refresh-token-hard-expires-in": "true" });
      if (res.status !== 200) {
        expect(res.json.error).toBe("invalid_grant");
        break;
      }
      expect(res.json.x_refresh_token_expires_in).toBeLessThanOrEqual(res.json.x_refresh_token_hard_expires_in);
      lifetimes.push(res.json.x_refresh_token_expires_in);
      refreshToken = res.json.refresh_token;
    }
    // 5 years / 99 days: 18 refreshes succeed, the last ones with a shortened lifetime.
    expect(lifetimes.length).toBe(18);
    expect(lifetimes[lifetimes.length - 1]).toBeLessThan(8640000);
  });

  it("answers 401 invalid_client for bad client credentials", async () => {
    expect(await tokenRequest({ grant_type: "refresh_token", refresh_token: "x" }, basic(TEST_APP.clientId, "wrong")))
      .toEqual({ status: 401, json: { error: "invalid_client" } });
    expect(await tokenRequest({ grant_type: "refresh_token", refresh_token: "x" }, ""))
      .toEqual({ status: 401, json: { error: "invalid_client" } });
    const client = newClient({ clientSecret: "nope" });
    await expect(client.refreshUsingToken("whatever")).rejects.toMatchObject({ error: "invalid_client" });
  });

  it("rejects unsupported grant types and unknown refresh tokens", async () => {
    expect(await tokenRequest({ grant_type: "password" })).toMatchObject({ status: 400, json: { error: "unsupported_grant_type" } });
    expect(await tokenRequest({ grant_type: "refresh_token", refresh_token: "RT1-unknown" })).toMatchObject({ status: 400, json: { error: "invalid_grant" } });
  });

  it("expires access tokens after an hour of sandbox time, and refresh tokens after 100 unused days", async () => {
    const realmId = await createCompany(sandbox);
    const tokens = (await admin(sandbox, "POST", `/_sandbox/companies/${realmId}/tokens`, { clientId: TEST_APP.clientId })).json;
    expect((await api(sandbox, realmId, tokens.access_token, "GET", `/companyinfo/${realmId}`)).status).toBe(200);
    await admin(sandbox, "POST", "/_sandbox/clock", { advanceSeconds: 3601 });
    const expired = await api(sandbox, realmId, tokens.access_token, "GET", `/companyinfo/${realmId}`);
    expect(expired.status).toBe(401);
    expect(expired.json.Fault.Error[0]).toMatchObject({ code: "3200", Message: "message=AuthenticationFailed; errorCode=003200; statusCode=401" });
    expect(expired.json.Fault.Error[0].Detail).toMatch(/^Token expired/);

    const refreshed = await tokenRequest({ grant_type: "refresh_token", refresh_token: tokens.refresh_token });
    expect(refreshed.status).toBe(200);
    await admin(sandbox, "POST", "/_sandbox/clock", { advanceSeconds: 100 * 86400 + 1 });
    expect(await tokenRequest({ grant_type: "refresh_token", refresh_token: refreshed.json.refresh_token }))
      .toMatchObject({ status: 400, json: { error: "invalid_grant" } });
  });
});

describe("the authorize page", () => {
  it("shows an error page, never a redirect, for an unknown client or unregistered redirect URI", async () => {
    const unknownClient = await fetch(`${sandbox.url}/connect/oauth2?client_id=nobody&response_type=code&scope=${SCOPE}&redirect_uri=${encodeURIComponent(TEST_APP.redirectUris[0])}&state=s`, { redirect: "manual" });
    expect(unknownClient.status).toBe(400);
    expect(unknownClient.headers.get("content-type")).toMatch(/text\/html/);
    expect(await unknownClient.text()).toContain("not registered");

    const evil = await fetch(`${sandbox.url}/connect/oauth2?client_id=${TEST_APP.clientId}&response_type=code&scope=${SCOPE}&redirect_uri=${encodeURIComponent("https://evil.example/cb")}&state=s`, { redirect: "manual" });
    expect(evil.status).toBe(400);
    expect(evil.headers.get("location")).toBeNull();
  });

  it("sends invalid_scope back to a registered redirect URI", async () => {
    const res = await fetch(`${sandbox.url}/connect/oauth2?client_id=${TEST_APP.clientId}&response_type=code&scope=bogus.scope&redirect_uri=${encodeURIComponent(TEST_APP.redirectUris[0])}&state=s1`, { redirect: "manual" });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get("location")!);
    expect(location.searchParams.get("error")).toBe("invalid_scope");
    expect(location.searchParams.get("state")).toBe("s1");
  });

  it("has the stable labels and buttons browser tests rely on", async () => {
    const start = await fetch(newClient().authorizeUri({ scope: [SCOPE], state: "s" }));
    const signIn = await start.text();
    expect(signIn).toContain('<label for="email">Email</label>');
    expect(signIn).toContain('<label for="password">Password</label>');
    expect(signIn).toContain(">Sign in</button>");
    const flow = /name="flow" value="([^"]+)"/.exec(signIn)![1];
    const signUp = await (await fetch(`${sandbox.url}/connect/oauth2/signup?flow=${flow}`)).text();
    expect(signUp).toContain(">Create account</button>");
    const res = await fetch(`${sandbox.url}/connect/oauth2/signup`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ flow, name: "Labels", email: "labels@example.com", password: "pw" }).toString(),
    });
    const companyPage = await (await fetch(new URL(res.headers.get("location")!, sandbox.url))).text();
    expect(companyPage).toContain('<label for="company-name">Company name</label>');
    expect(companyPage).toContain('<label for="country">Country</label>');
    expect(companyPage).toContain('<label for="region">Province or state</label>');
    expect(companyPage).toContain(">Create company</button>");
  });

  it("re-shows the sign-in form for a wrong password", async () => {
    await admin(sandbox, "POST", "/_sandbox/users", { email: "pw@example.com", password: "right" });
    const start = await fetch(newClient().authorizeUri({ scope: [SCOPE], state: "s" }));
    const flow = /name="flow" value="([^"]+)"/.exec(await start.text())![1];
    const res = await fetch(`${sandbox.url}/connect/oauth2/signin`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ flow, email: "pw@example.com", password: "wrong" }).toString(),
    });
    expect(res.status).toBe(401);
    expect(await res.text()).toContain("Incorrect email or password");
  });
});

describe("the company Apps page", () => {
  it("disconnects an app, which revokes its grant", async () => {
    const client = newClient();
    const { realmId } = await connect(client);
    const email = `owner${userSeq}@example.com`;
    const signIn = await fetch(`${sandbox.url}/app/signin`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, password: "pw-123456" }).toString(),
    });
    expect(signIn.status).toBe(303);
    const cookie = signIn.headers.get("set-cookie")!.split(";")[0];
    const pageHtml = await (await fetch(`${sandbox.url}/app/companies/${realmId}`, { headers: { cookie } })).text();
    expect(pageHtml).toContain("Test App");
    expect(pageHtml).toContain(">Disconnect</button>");

    // QuickBooks-style document links open for the company's user.
    const customer = await api(sandbox, realmId, client.getToken().access_token, "POST", "/customer", { DisplayName: "Linked Customer" });
    const doc = await fetch(`${sandbox.url}/app/customerdetail?nameId=${customer.json.Customer.Id}`, { headers: { cookie } });
    expect(doc.status).toBe(200);
    expect(await doc.text()).toContain("Linked Customer");

    const disconnect = await fetch(`${sandbox.url}/app/companies/${realmId}/apps/${TEST_APP.clientId}/disconnect`, { method: "POST", redirect: "manual", headers: { cookie } });
    expect(disconnect.status).toBe(303);
    expect(await (await fetch(`${sandbox.url}/app/companies/${realmId}`, { headers: { cookie } })).text()).toContain("No apps are connected");
    expect((await api(sandbox, realmId, client.getToken().access_token, "GET", `/companyinfo/${realmId}`)).status).toBe(401);
    await expect(client.refresh()).rejects.toMatchObject({ error: "invalid_grant" });
  });

  it("requires sign-in", async () => {
    const res = await fetch(`${sandbox.url}/app/companies/123`, { redirect: "manual" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/app/signin");
  });
});
