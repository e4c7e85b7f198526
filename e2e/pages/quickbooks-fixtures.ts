import { randomBytes, createDecipheriv } from "node:crypto";
import postgres from "postgres";
import { sendProcessorEvents } from "./processor-feed";

/**
 * Test data for the QuickBooks browser tests: a fresh business per test in the e2e database (so
 * tests never depend on each other's connections), sandbox users and companies through the
 * sandbox's admin API, and direct reads of what the app stored.
 */
export const SANDBOX_URL = `http://localhost:${process.env.E2E_SANDBOX_PORT ?? 4110}`;
export const CLIENT_ID = "settlebooks-demo-client";
const E2E_DATABASE_URL = process.env.E2E_DATABASE_URL ?? `postgres://postgres@127.0.0.1:5432/${process.env.E2E_DATABASE ?? "settlebooks_e2e"}`;
/** The demo's token key (lib/env.ts default), which the e2e app runs with. */
const DEMO_TOKEN_KEY = Buffer.from("ZGVtby10b2tlbi1lbmNyeXB0aW9uLWtleS0zMmJ5dGU=", "base64");

let sql: postgres.Sql | undefined;
export function e2eDb(): postgres.Sql {
  sql ??= postgres(E2E_DATABASE_URL, { max: 2, onnotice: () => {} });
  return sql;
}

const REGIONS = {
  ON: { country: "CA", currency: "CAD", timezone: "America/Toronto", name: "Boulangerie Ontario" },
  QC: { country: "CA", currency: "CAD", timezone: "America/Montreal", name: "Café du Québec" },
  NY: { country: "US", currency: "USD", timezone: "America/New_York", name: "Brooklyn Bagels" },
} as const;

export interface TestBusiness {
  id: string;
  merchantId: string;
  legalName: string;
  currency: "CAD" | "USD";
}

/**
 * A new business owned by `ownerEmail`, sent by the processor's feed as production gets it, with
 * the demo accountant and staff as members. `legalName` replaces the region's default name.
 */
export async function createBusiness(region: keyof typeof REGIONS, ownerEmail = "owner@demo.test", options: { legalName?: string } = {}): Promise<TestBusiness> {
  const db = e2eDb();
  const r = REGIONS[region];
  const suffix = randomBytes(3).toString("hex").toUpperCase();
  const merchantId = `MID-E2E-${suffix}`;
  const legalName = options.legalName ?? `${r.name} ${suffix}`;
  await sendProcessorEvents([{ type: "business", id: merchantId, legalName, country: r.country, region, currency: r.currency, timezone: r.timezone, ownerEmail }]);
  // Read back: the feed answers with counts, not ids.
  const [business] = await db`select id from businesses where merchant_id = ${merchantId}`;
  // The demo accountant and staff join by SQL: the feed names only the owner, staff have no
  // interface at all, and the accountant's invitation flow is what accountant.spec.ts tests.
  for (const [email, role] of [["accountant@demo.test", "accountant"], ["staff@demo.test", "staff"]] as const) {
    if (email === ownerEmail) continue;
    await db`insert into memberships (user_id, business_id, role) select id, ${business.id}, ${role} from users where email = ${email}`;
  }
  return { id: business.id as string, merchantId, legalName, currency: r.currency };
}

export async function connectionRow(businessId: string) {
  const [row] = await e2eDb()`select * from qbo_connections where business_id = ${businessId}`;
  return row as Record<string, unknown> | undefined;
}

/** The stored access token, decrypted as the app does (AES-256-GCM, AAD = connection id and field). */
export async function storedAccessToken(businessId: string): Promise<string | null> {
  const [row] = await e2eDb()`select t.* from qbo_tokens t join qbo_connections c on c.id = t.connection_id where c.business_id = ${businessId}`;
  if (!row) return null;
  const [, , iv, body, tag] = String(row.access_token_ciphertext).split(".");
  const decipher = createDecipheriv("aes-256-gcm", DEMO_TOKEN_KEY, Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(`${row.connection_id}:access`));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}

async function admin<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${SANDBOX_URL}/_sandbox${path}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = (await response.json()) as T;
  if (!response.ok) throw new Error(`sandbox ${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

export interface SandboxLogin {
  email: string;
  password: string;
}

/** A sandbox Intuit user owning one QuickBooks company. */
export async function sandboxCompany(input: { name: string; country: "CA" | "US"; region: string }): Promise<SandboxLogin & { realmId: string; name: string }> {
  const email = `qbo-${randomBytes(4).toString("hex")}@sandbox.test`;
  const password = "sandbox-password";
  await admin("POST", "/users", { email, password, name: "Sandbox Owner" });
  const { realmId } = await admin<{ realmId: string }>("POST", "/companies", { ...input, ownerEmail: email });
  return { email, password, realmId, name: input.name };
}

/** Another company for an existing sandbox user. */
export async function addSandboxCompany(ownerEmail: string, input: { name: string; country: "CA" | "US"; region: string }): Promise<string> {
  return (await admin<{ realmId: string }>("POST", "/companies", { ...input, ownerEmail })).realmId;
}

export async function sandboxEntities(realmId: string, entity: string): Promise<Record<string, unknown>[]> {
  const result = await admin<unknown>("GET", `/companies/${realmId}/entities/${entity}`);
  if (Array.isArray(result)) return result as Record<string, unknown>[];
  const rows = (result as Record<string, unknown>)[entity] ?? (result as Record<string, unknown>).entities ?? Object.values(result as object)[0];
  return Array.isArray(rows) ? (rows as Record<string, unknown>[]) : [];
}

export async function sandboxCompanySummary(realmId: string): Promise<{ connectedApps: string[] }> {
  return admin("GET", `/companies/${realmId}`);
}

export async function injectFault(realmId: string, fault: Record<string, unknown>): Promise<void> {
  await admin("POST", `/companies/${realmId}/faults`, fault);
}

/** A direct API call with a token, as the app would make it. */
export async function apiStatus(realmId: string, accessToken: string): Promise<number> {
  const response = await fetch(`${SANDBOX_URL}/v3/company/${realmId}/companyinfo/${realmId}?minorversion=75`, {
    headers: { Authorization: `Bearer ${accessToken}`, Accept: "application/json" },
  });
  return response.status;
}
