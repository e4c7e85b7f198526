import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { businesses, cardTransactions, memberships, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-database";
import { env, resetEnvForTests } from "@/lib/env";
import { startSandbox, type RunningSandbox } from "@/sandbox/src/server";
import { QboApi } from "../api-client";
import { QboAuthError } from "../errors";
import { defaultNames } from "../mapping/default-names";
import { checkMappingHealth } from "../mapping/mapping-health";
import { loadBusinessMappingOptions, loadMappingOptions } from "../mapping/mapping-options";
import { saveMapping } from "../mapping/mapping-save";
import { readTokens } from "../token-store";
import type { Actor } from "./actor";
import { completeAuthorization } from "./authorization-callback";
import { startAuthorization } from "./authorization-start";
import { withConnectionApi } from "./connection-api";
import { findConnection } from "./connection-record";
import { disconnectConnection } from "./lifecycle";

/**
 * The connection service against the real sandbox (in-process), through the same code paths as in
 * production: intuit-oauth exchanges the code and revokes, the API client reads and writes.
 */
let sandbox: RunningSandbox;
let db: TestDatabase;
const names = defaultNames("Maple Payments", "en");
const savedEnv = { QBO_LOCAL_URL: process.env.QBO_LOCAL_URL, APP_URL: process.env.APP_URL };

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, limits: false });
  process.env.QBO_LOCAL_URL = sandbox.url;
  process.env.APP_URL = "http://localhost:3000";
  resetEnvForTests();
  db = await createTestDatabase();
});
afterAll(async () => {
  await sandbox?.close();
  await db?.drop();
  process.env.QBO_LOCAL_URL = savedEnv.QBO_LOCAL_URL;
  process.env.APP_URL = savedEnv.APP_URL;
  resetEnvForTests();
});

const now = () => sandbox.context.now();

/** The sandbox's admin API (/_sandbox), as the browser tests use it. */
async function admin<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(`${sandbox.url}/_sandbox${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`sandbox ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function newCompany(country: "CA" | "US", region: string, automatedSalesTax = false) {
  const email = `${randomUUID()}@sandbox.test`;
  const user = await admin<{ id: string }>("/users", { email, password: "pw", name: "Owner" });
  const { realmId } = await admin<{ realmId: string }>("/companies", { name: `Books ${region} ${randomUUID().slice(0, 6)}`, country, region, automatedSalesTax, ownerEmail: email });
  return { realmId, userId: user.id };
}

/** An API client with a fresh grant, like Intuit's OAuth Playground. */
function playgroundApi(realmId: string): QboApi {
  const { token } = sandbox.context.tokens.createGrant({ clientId: env().QBO_CLIENT_ID, realmId, userId: null, scopes: ["com.intuit.quickbooks.accounting"], now: now().getTime(), includeHardExpiry: false });
  return new QboApi({ baseUrl: sandbox.url, realmId, accessToken: async () => token.access_token });
}

async function seedBusiness(region: string, currency: "CAD" | "USD", timezone: string): Promise<{ businessId: string; owner: Actor }> {
  const [business] = await db.db
    .insert(businesses)
    .values({ merchantId: `MID-${randomUUID().slice(0, 8)}`, legalName: `Shop ${region}`, country: currency === "CAD" ? "CA" : "US", region, currency, timezone })
    .returning();
  const [user] = await db.db.insert(users).values({ email: `owner-${randomUUID()}@test.test` }).returning();
  await db.db.insert(memberships).values({ userId: user.id, businessId: business.id, role: "owner" });
  return { businessId: business.id, owner: { userId: user.id, role: "owner" } };
}

/** Start → the owner consents on the sandbox (an authorization code) → the callback with intuit-oauth. */
async function connect(owner: Actor, businessId: string, company: { realmId: string; userId: string }) {
  const { url, state } = await startAuthorization(db.db, { actor: owner, businessId, purpose: "connect", secret: env().AUTH_SECRET });
  expect(url.startsWith(`${sandbox.url}/connect/oauth2?`)).toBe(true);
  expect(new URL(url).searchParams.get("scope")).toBe("com.intuit.quickbooks.accounting");
  const code = sandbox.context.tokens.issueAuthCode({
    clientId: env().QBO_CLIENT_ID,
    redirectUri: "http://localhost:3000/api/quickbooks/callback",
    realmId: company.realmId,
    userId: company.userId,
    scopes: ["com.intuit.quickbooks.accounting"],
    now: now().getTime(),
  });
  await completeAuthorization(db.db, { userId: owner.userId, query: { state, code, realmId: company.realmId }, secret: env().AUTH_SECRET });
}

describe("against the QuickBooks sandbox", () => {
  it("connects, creates the defaults once, checks mapping health and disconnects with a revoke", async () => {
    const { businessId, owner } = await seedBusiness("ON", "CAD", "America/Toronto");
    const company = await newCompany("CA", "ON");
    await connect(owner, businessId, company);
    const connection = (await findConnection(db.db, businessId))!;
    expect(connection).toMatchObject({ status: "active", realmId: company.realmId, companyCountry: "CA", homeCurrency: "CAD", usesUsSalesTax: false });

    const withApi = <T>(c: typeof connection, work: (api: QboApi) => Promise<T>) => withConnectionApi(db.db, c, work);
    const options = await withApi(connection, (api) => loadMappingOptions(api, { country: "CA", region: "ON", names }));
    expect(options.bankAccounts.length).toBeGreaterThan(0);
    expect(options.taxCodes.find((c) => c.id === options.preselectedTaxCodeId)?.name).toBe("HST ON");
    expect(options.defaults.revenue).toEqual({ name: "Maple Payments Revenue", state: "new" });
    const choice = { bank: options.bankAccounts[0].id, revenue: "default", expense: "default", customer: "default", taxCode: options.preselectedTaxCodeId! };
    const v1 = await saveMapping(db.db, { actor: owner, businessId, choice, mode: "setup", names, withApi });
    await saveMapping(db.db, { actor: owner, businessId, choice, mode: "edit", names, withApi });
    const accounts = (await playgroundApi(company.realmId).queryAll("Account")).filter((a) => String(a.Name).startsWith("Maple Payments"));
    expect(accounts.map((a) => [a.Name, a.AccountType]).sort()).toEqual([["Maple Payments Expense", "Expense"], ["Maple Payments Revenue", "Income"]]);
    expect(accounts.find((a) => a.Name === "Maple Payments Expense")).toMatchObject({ AccountSubType: "BankCharges" });

    expect(await withApi(connection, (api) => checkMappingHealth(api, v1))).toEqual([]);
    await admin(`/companies/${company.realmId}/faults`, { kind: "inactive", entity: "Account", id: v1.revenueAccountId });
    const broken = await withApi(connection, (api) => checkMappingHealth(api, v1));
    expect(broken).toMatchObject([{ slot: "revenue", problem: "inactive", name: "Maple Payments Revenue" }]);

    const { accessToken } = (await readTokens(db.db, connection.id))!;
    await disconnectConnection(db.db, { actor: owner, businessId });
    expect((await findConnection(db.db, businessId))!.status).toBe("disconnected");
    const stale = new QboApi({ baseUrl: sandbox.url, realmId: company.realmId, accessToken: async () => accessToken });
    await expect(stale.companyInfo()).rejects.toBeInstanceOf(QboAuthError);
  });

  it("turns a revoked grant into 'needs reauthorization'", async () => {
    const { businessId, owner } = await seedBusiness("ON", "CAD", "America/Toronto");
    const company = await newCompany("CA", "ON");
    await connect(owner, businessId, company);
    sandbox.context.tokens.revokeGrants({ realmId: company.realmId, now: now().getTime() });
    const connection = (await findConnection(db.db, businessId))!;
    await expect(withConnectionApi(db.db, connection, (api) => api.companyInfo())).rejects.toMatchObject({ code: "needs_reauthorization" });
    expect((await findConnection(db.db, businessId))!.status).toBe("needs_reauthorization");
  });

  it("reads a US company's tax model and preselects the tax code of each province or state", async () => {
    const { businessId, owner } = await seedBusiness("NY", "USD", "America/New_York");
    const us = await newCompany("US", "NY", true);
    await connect(owner, businessId, us);
    expect(await findConnection(db.db, businessId)).toMatchObject({ usesUsSalesTax: true, automatedSalesTax: true, homeCurrency: "USD" });
    const expected: [("CA" | "US"), string, string][] = [
      ["CA", "QC", "GST/QST QC - 9.975"],
      ["CA", "BC", "GST/PST BC"],
      ["CA", "AB", "GST"],
      ["CA", "NS", "HST NS 2025"],
      ["US", "NY", "NY State"],
    ];
    for (const [country, region, name] of expected) {
      const { realmId } = await newCompany(country, region);
      const options = await loadMappingOptions(playgroundApi(realmId), { country, region, names });
      expect(options.taxCodes.find((c) => c.id === options.preselectedTaxCodeId)?.name, region).toBe(name);
    }
  });

  it("preselects the code at the rate recent sales were taxed at, with every code's rate from QuickBooks", async () => {
    const today = "2026-11-30";
    const taxedSales = async (businessId: string, currency: "CAD" | "USD", sales: [number, number][]) =>
      db.db.insert(cardTransactions).values(
        sales.map(([amountMinor, taxMinor], i) => ({
          businessId,
          processorId: `rate-${i}`,
          kind: "sale" as const,
          amountMinor,
          currency,
          cardBrand: "visa" as const,
          last4: "4242",
          occurredAt: new Date(`${today}T15:00:00Z`),
          businessDate: today,
          taxMinor,
          payloadHash: "fixture",
        })),
      );
    // An Ontario business whose processor charged 5 % (GST only): GST, not the region's HST ON.
    const on = await seedBusiness("ON", "CAD", "America/Toronto");
    await taxedSales(on.businessId, "CAD", [[1_050, 50], [2_101, 100], [10_500, 500]]);
    const caCompany = await newCompany("CA", "ON");
    const business = { id: on.businessId, country: "CA" as const, region: "ON" };
    const ca = await loadBusinessMappingOptions(db.db, playgroundApi(caCompany.realmId), { business, names, today });
    expect(ca.recentSalesTax).toMatchObject({ sales: 3, from: "2026-11-01", to: today });
    expect(ca.recentSalesTax!.percent).toBeCloseTo(4.9993, 3);
    expect(ca.taxCodes.find((c) => c.id === ca.preselectedTaxCodeId)).toMatchObject({ name: "GST", percent: 5 });
    expect(ca.taxCodes.find((c) => c.name === "HST ON")?.percent).toBe(13);
    expect(ca.taxCodes.find((c) => c.name === "GST/QST QC - 9.975")?.percent).toBe(14.975);
    expect(ca.taxCodes.find((c) => c.name === "Exempt")?.percent).toBe(0);
    // Without taxed sales: the region, as before.
    const fresh = await seedBusiness("ON", "CAD", "America/Toronto");
    const byRegion = await loadBusinessMappingOptions(db.db, playgroundApi(caCompany.realmId), { business: { ...business, id: fresh.businessId }, names, today });
    expect(byRegion.recentSalesTax).toBeNull();
    expect(byRegion.taxCodes.find((c) => c.id === byRegion.preselectedTaxCodeId)?.name).toBe("HST ON");

    // A New York City business (8.875 %): the transaction tax code NYC (NY State 4 + NYC 4.5 + MCTD 0.375), not NY State.
    const ny = await seedBusiness("NY", "USD", "America/New_York");
    await taxedSales(ny.businessId, "USD", [[10_888, 888], [5_444, 444]]);
    const usCompany = await newCompany("US", "NY");
    const us = await loadBusinessMappingOptions(db.db, playgroundApi(usCompany.realmId), { business: { id: ny.businessId, country: "US", region: "NY" }, names, today });
    expect(us.taxCodes.find((c) => c.id === us.preselectedTaxCodeId)).toMatchObject({ name: "NYC", percent: 8.875 });
    expect(us.taxCodes.find((c) => c.name === "NY State")?.percent).toBe(4);
    expect(us.taxCodes.find((c) => c.id === "NON")?.percent).toBe(0);
    expect(us.taxCodes.some((c) => c.id === "TAX")).toBe(false);
  });
});
