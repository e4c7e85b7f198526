import { startSandbox, type RunningSandbox, type SandboxOptions } from "../src/server";
import type { AppRegistration } from "../src/platform/apps";

/** Response bodies in tests: their shape is what the assertions check. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export const TEST_APP = {
  clientId: "test-client",
  clientSecret: "test-secret",
  name: "Test App",
  redirectUris: ["http://localhost:3999/callback"],
} satisfies AppRegistration;

export const SCOPE = "com.intuit.quickbooks.accounting";

export function startTestSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  return startSandbox({ port: 0, apps: [TEST_APP], ...options });
}

export function basic(clientId: string, secret: string): string {
  return `Basic ${Buffer.from(`${clientId}:${secret}`).toString("base64")}`;
}

export async function admin<T = Json>(sandbox: RunningSandbox, method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
  const res = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as T };
}

export async function createCompany(sandbox: RunningSandbox, body: Record<string, unknown> = {}): Promise<string> {
  const { status, json } = await admin(sandbox, "POST", "/_sandbox/companies", { name: "Maple Test Co", country: "CA", region: "ON", ...body });
  if (status !== 200) throw new Error(`company not created: ${JSON.stringify(json)}`);
  return json.realmId;
}

/** Tokens from the admin API (like Intuit's OAuth Playground). */
export async function grantTokens(sandbox: RunningSandbox, realmId: string, clientId = TEST_APP.clientId): Promise<{ access_token: string; refresh_token: string }> {
  const { status, json } = await admin(sandbox, "POST", `/_sandbox/companies/${realmId}/tokens`, { clientId });
  if (status !== 200) throw new Error(`tokens not granted: ${JSON.stringify(json)}`);
  return json;
}

/** A new company and an access token for it: what most gateway tests start from. */
export async function freshCompany(sandbox: RunningSandbox): Promise<{ realmId: string; token: string }> {
  const realmId = await createCompany(sandbox);
  const { access_token } = await grantTokens(sandbox, realmId);
  return { realmId, token: access_token };
}

export async function api(sandbox: RunningSandbox, realmId: string, accessToken: string, method: string, path: string, body?: unknown, init: RequestInit = {}): Promise<{ status: number; json: Json }> {
  const res = await fetch(`${sandbox.url}/v3/company/${realmId}${path}`, {
    method,
    headers: { authorization: `Bearer ${accessToken}`, accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    ...init,
  });
  return { status: res.status, json: await res.json() };
}

function hiddenFlow(html: string): string {
  const match = /name="flow" value="([^"]+)"/.exec(html);
  if (!match) throw new Error(`no flow field in page:\n${html.slice(0, 2000)}`);
  return match[1];
}

async function postForm(url: string, fields: Record<string, string>): Promise<Response> {
  return fetch(url, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
}

/**
 * Drives the authorize pages with plain form posts, as a browser without JavaScript would, and
 * returns the URL the sandbox redirected to (the app's callback with code, state and realmId).
 */
export async function authorizeWithForms(
  sandbox: RunningSandbox,
  input: {
    authorizeUrl: string;
    user: { email: string; password: string; name?: string; signUp?: boolean };
    company: { realmId: string } | { create: { name: string; country: "CA" | "US"; region: string } };
    decision?: "connect" | "cancel";
  },
): Promise<string> {
  const start = await fetch(input.authorizeUrl, { redirect: "manual" });
  if (start.status !== 200) throw new Error(`authorize page answered ${start.status}: ${await start.text()}`);
  const flow = hiddenFlow(await start.text());
  const signIn = input.user.signUp
    ? await postForm(`${sandbox.url}/connect/oauth2/signup`, { flow, name: input.user.name ?? "Test User", email: input.user.email, password: input.user.password })
    : await postForm(`${sandbox.url}/connect/oauth2/signin`, { flow, email: input.user.email, password: input.user.password });
  if (signIn.status !== 303) throw new Error(`sign-in answered ${signIn.status}: ${await signIn.text()}`);
  const chosen = "realmId" in input.company
    ? await postForm(`${sandbox.url}/connect/oauth2/company`, { flow, realmId: input.company.realmId })
    : await postForm(`${sandbox.url}/connect/oauth2/company/new`, { flow, ...input.company.create });
  if (chosen.status !== 303) throw new Error(`company step answered ${chosen.status}: ${await chosen.text()}`);
  const consentPage = await fetch(new URL(chosen.headers.get("location")!, sandbox.url));
  if (consentPage.status !== 200) throw new Error(`consent page answered ${consentPage.status}`);
  const decided = await postForm(`${sandbox.url}/connect/oauth2/consent`, { flow, decision: input.decision ?? "connect" });
  if (decided.status !== 302) throw new Error(`consent answered ${decided.status}: ${await decided.text()}`);
  return decided.headers.get("location")!;
}
