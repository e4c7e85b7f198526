import { mkdtempSync, rmSync } from "node:fs";
import { once } from "node:events";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { startSandbox } from "@/sandbox/src/server";
import { connectDatabase, type Db, type DbConnection } from "@/db/client";
import { startEmbeddedServer } from "@/db/embedded-server";
import { migrateDatabase } from "@/db/migrate";
import { businesses, qboConnections, qboMappingVersions } from "@/db/schema";
import { createTestDatabase } from "@/db/testing/test-database";
import { resetEnvForTests } from "@/lib/env";
import { generateDemoActivity } from "@/lib/demo/generator";
import { US_NOT_TAXABLE, US_TAXABLE } from "@/lib/accounting/us-tax-codes";
import type { ProcessorEvent } from "@/lib/processor/events";
import { ingestEvents } from "@/lib/processor/ingest";
import { QboApi, type QboEntity } from "@/lib/quickbooks/api-client";
import { saveTokens } from "@/lib/quickbooks/token-store";
import type { SyncDeps } from "../engine";

/**
 * A whole world for sync tests: a fresh PostgreSQL database, the QuickBooks sandbox in-process,
 * and helpers to add a business with generated activity and a live connection with a mapping.
 * The app code reaches the sandbox only over HTTP, exactly as it would reach Intuit.
 */
export const CLIENT_ID = "settlebooks-test-client";
/** A pacer time scale so large the pacer never waits (the test sandbox runs without limits). */
export const UNPACED = 1_000_000;

/**
 * Engine dependencies for tests: the world's database, a fixed business clock, no real sleeping,
 * and no pacing (the test sandbox runs without limits; the pacer has its own tests).
 */
export function syncTestDeps(world: Pick<SyncWorld, "db">, now: Date, extra: Partial<SyncDeps> = {}): SyncDeps {
  return { db: world.db, now: () => now, sleep: async () => {}, limitsTimeScale: UNPACED, retry: { baseDelayMs: 1 }, ...extra };
}
const CLIENT_SECRET = "settlebooks-test-secret";

export interface SyncWorld {
  db: Db;
  sandboxUrl: string;
  admin<T = unknown>(method: "GET" | "POST" | "DELETE", path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

export interface TestSyncWorld extends SyncWorld {
  /** Another pool on the same database, as a second process would open (closed with the world). */
  openPool(): DbConnection;
}

/**
 * The world's database: a fresh one on the real PostgreSQL (the default), or the embedded PGlite
 * served over the PostgreSQL protocol exactly as the demo serves it (every pool shares PGlite's one
 * session; no prepared statements), migrated like a new demo database.
 */
async function worldDatabase(kind: "postgres" | "embedded"): Promise<{ db: Db; url: string; prepare: boolean; drop(): Promise<void> }> {
  if (kind === "postgres") {
    const database = await createTestDatabase();
    return { db: database.db, url: database.url, prepare: true, drop: () => database.drop() };
  }
  const dir = mkdtempSync(path.join(tmpdir(), "settlebooks-pglite-"));
  const probe = createServer().listen(0, "127.0.0.1");
  await once(probe, "listening");
  const port = (probe.address() as { port: number }).port;
  probe.close();
  const server = await startEmbeddedServer({ dir, port });
  const connection = connectDatabase(server.url, { max: 5, prepare: false });
  await migrateDatabase(connection.db);
  return {
    db: connection.db,
    url: server.url,
    prepare: false,
    async drop() {
      await connection.close();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function createSyncWorld(options: { limits?: boolean; timeScale?: number; database?: "postgres" | "embedded"; webhookUrl?: string } = {}): Promise<TestSyncWorld> {
  const database = await worldDatabase(options.database ?? "postgres");
  const pools: DbConnection[] = [];
  const sandbox = await startSandbox({
    port: 0,
    limits: options.limits ?? false,
    timeScale: options.timeScale ?? 1,
    apps: [
      {
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        name: "Settlebooks (tests)",
        redirectUris: ["http://localhost:3999/api/quickbooks/callback"],
        webhookVerifier: "test-verifier",
        webhookUrl: options.webhookUrl,
        webhookFormat: "cloudevents",
      },
    ],
  });
  Object.assign(process.env, {
    QBO_ENVIRONMENT: "local",
    QBO_LOCAL_URL: sandbox.url,
    QBO_CLIENT_ID: CLIENT_ID,
    QBO_CLIENT_SECRET: CLIENT_SECRET,
    DATABASE_URL: database.url,
  });
  resetEnvForTests();
  return {
    db: database.db,
    sandboxUrl: sandbox.url,
    openPool() {
      const pool = connectDatabase(database.url, { max: 5, prepare: database.prepare });
      pools.push(pool);
      return pool;
    },
    async admin<T>(method: "GET" | "POST" | "DELETE", path: string, body?: unknown): Promise<T> {
      const response = await fetch(`${sandbox.url}/_sandbox${path}`, {
        method,
        headers: body === undefined ? {} : { "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`sandbox admin ${method} ${path}: ${response.status} ${text}`);
      return (text ? JSON.parse(text) : undefined) as T;
    },
    async close() {
      await sandbox.close();
      for (const pool of pools) await pool.close();
      await database.drop();
    },
  };
}

export interface WorldBusiness {
  businessId: string;
  merchantId: string;
  connectionId: string;
  realmId: string;
  api: QboApi;
  events: ProcessorEvent[];
}

export interface BusinessSpec {
  merchantId: string;
  country: "CA" | "US";
  region: string;
  currency: "CAD" | "USD";
  timezone: string;
  days: number;
  /** Last day of generated activity. */
  endDate: string;
  /** The connection's business date; activity before it is never posted. */
  connectedOn: string;
  transactionsPerDay?: number;
  depositsThrough?: string;
  seed?: number;
}

/** Adds a business, its generated activity, a sandbox company, tokens and a confirmed mapping. */
export async function addConnectedBusiness(world: SyncWorld, spec: BusinessSpec): Promise<WorldBusiness> {
  const events = generateDemoActivity({
    business: {
      merchantId: spec.merchantId,
      legalName: `${spec.merchantId} Test Merchant`,
      country: spec.country,
      region: spec.region,
      currency: spec.currency,
      timezone: spec.timezone,
      ownerEmail: `owner-${spec.merchantId.toLowerCase()}@example.test`,
      locale: "en",
    },
    days: spec.days,
    endDate: spec.endDate,
    transactionsPerDay: spec.transactionsPerDay,
    depositsThrough: spec.depositsThrough,
    seed: spec.seed ?? 7,
  });
  await ingestEvents(world.db, events);
  const [business] = await world.db.select().from(businesses).where(eq(businesses.merchantId, spec.merchantId));

  const { realmId } = await world.admin<{ realmId: string }>("POST", "/companies", {
    name: `${spec.merchantId} Books`,
    country: spec.country,
    region: spec.region,
  });
  const [connection] = await world.db
    .insert(qboConnections)
    .values({
      businessId: business.id,
      status: "active",
      realmId,
      companyName: `${spec.merchantId} Books`,
      companyCountry: spec.country,
      homeCurrency: spec.currency,
      usesUsSalesTax: spec.country === "US",
      automatedSalesTax: false,
      connectedAt: new Date(`${spec.connectedOn}T12:00:00Z`),
      connectedOn: spec.connectedOn,
      setupCompletedAt: new Date(`${spec.connectedOn}T12:00:00Z`),
    })
    .returning();
  const accessToken = await grantAndSaveTokens(world, realmId, connection.id);
  const api = new QboApi({ baseUrl: world.sandboxUrl, realmId, accessToken: async () => accessToken });
  const mapping = await defaultMapping(api, spec);
  await world.db.insert(qboMappingVersions).values({ connectionId: connection.id, version: 1, effectiveFrom: spec.connectedOn, ...mapping });
  return { businessId: business.id, merchantId: spec.merchantId, connectionId: connection.id, realmId, api, events };
}

/**
 * Tokens for the company from the sandbox's admin API (as an authorization would grant them),
 * stored for the connection as the OAuth callback stores them; returns the access token.
 */
export async function grantAndSaveTokens(world: SyncWorld, realmId: string, connectionId: string): Promise<string> {
  const tokenJson = await world.admin<Record<string, number | string>>("POST", `/companies/${realmId}/tokens`, { clientId: CLIENT_ID });
  const now = Date.now();
  await saveTokens(world.db, connectionId, {
    accessToken: String(tokenJson.access_token),
    refreshToken: String(tokenJson.refresh_token),
    accessTokenExpiresAt: new Date(now + Number(tokenJson.expires_in) * 1000),
    refreshTokenExpiresAt: new Date(now + Number(tokenJson.x_refresh_token_expires_in) * 1000),
    refreshTokenHardExpiresAt: null,
  });
  return String(tokenJson.access_token);
}

/** The mapping an owner would confirm with the defaults: new revenue and expense accounts and customer. */
async function defaultMapping(api: QboApi, spec: BusinessSpec) {
  const banks = await api.query("Account", "SELECT * FROM Account WHERE AccountType = 'Bank'");
  const bank = banks[0];
  const revenue = await api.create("Account", { Name: "Maple Payments Revenue", AccountType: "Income", AccountSubType: "SalesOfProductIncome" });
  const expense = await api.create("Account", { Name: "Maple Payments Expense", AccountType: "Expense", AccountSubType: "BankCharges" });
  const customer = await api.create("Customer", { DisplayName: "Maple Payments Customer" });
  const taxCode = await pickTaxCode(api, spec);
  return {
    bankAccountId: bank.Id,
    bankAccountName: String(bank.Name),
    revenueAccountId: revenue.Id,
    revenueAccountName: String(revenue.Name),
    expenseAccountId: expense.Id,
    expenseAccountName: String(expense.Name),
    customerId: customer.Id,
    customerName: String(customer.DisplayName),
    taxCodeId: taxCode.Id,
    taxCodeName: String(taxCode.Name),
  };
}

const TAX_CODE_NAME_HINTS: Record<string, RegExp> = { ON: /HST ON/i, QC: /QST|QC/i, NY: /NY|New York/i };

async function pickTaxCode(api: QboApi, spec: Pick<BusinessSpec, "region">): Promise<QboEntity> {
  const codes = await api.queryAll("TaxCode");
  const hint = TAX_CODE_NAME_HINTS[spec.region];
  const found = codes.find((c) => hint?.test(String(c.Name)) && c.Id !== US_TAXABLE && c.Id !== US_NOT_TAXABLE);
  if (!found) throw new Error(`No tax code for ${spec.region} among ${codes.map((c) => c.Name).join(", ")}`);
  return found;
}
