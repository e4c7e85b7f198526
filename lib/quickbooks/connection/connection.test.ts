import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, businesses, memberships, oauthStates, qboConnections, qboMappingVersions, qboPauses, qboTokens, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-database";
import { env } from "@/lib/env";
import { checkMappingHealth } from "../mapping/mapping-health";
import { defaultNames } from "../mapping/default-names";
import { saveMapping } from "../mapping/mapping-save";
import { createState } from "../oauth-state";
import type { TokenSet } from "../oauth-client";
import { readTokens } from "../token-store";
import { TokenDecryptionError } from "../token-crypto";
import type { Actor } from "./actor";
import { completeAuthorization, type CallbackDeps } from "./authorization-callback";
import { startAuthorization } from "./authorization-start";
import { readCompanyProfile } from "./company-profile";
import { ensureConnection, findConnection } from "./connection-record";
import { FakeCompany } from "./fake-company";
import { disconnectConnection, pauseConnection, resumeConnection } from "./lifecycle";
import { ConnectionRefusedError, type RefusalCode } from "./refusal";

let db: TestDatabase;
const secret = env().AUTH_SECRET;
const names = defaultNames("Maple Payments", "en");
const companies = new Map<string, FakeCompany>();
let issued = 0;

/** A clock the tests move: "now" for the service and the OAuth state. */
function clockAt(iso: string) {
  let now = new Date(iso);
  const clock = () => now;
  clock.advanceDays = (days: number) => (now = new Date(now.getTime() + days * 86_400_000));
  clock.advanceMinutes = (minutes: number) => (now = new Date(now.getTime() + minutes * 60_000));
  return clock;
}

function tokensFor(realmId: string): TokenSet {
  issued += 1;
  return {
    accessToken: `access-PLAINTEXT-${realmId}-${issued}`,
    refreshToken: `refresh-PLAINTEXT-${realmId}-${issued}`,
    accessTokenExpiresAt: new Date(Date.now() + 3_600_000),
    refreshTokenExpiresAt: new Date(Date.now() + 100 * 86_400_000),
    refreshTokenHardExpiresAt: null,
  };
}

const lastTokens = new Map<string, TokenSet>();
/** Refresh tokens revoked at "Intuit" by refused authorizations. */
const revokedGrants: string[] = [];
const deps: CallbackDeps = {
  revoke: async (refreshToken) => void revokedGrants.push(refreshToken),
  exchange: async ({ realmId }) => {
    const t = tokensFor(realmId);
    lastTokens.set(realmId, t);
    return t;
  },
  readProfile: (realmId) => readCompanyProfile(companies.get(realmId)!.api()),
};

async function seedBusiness(region: string, currency: "CAD" | "USD", timezone = "America/Toronto") {
  const [business] = await db.db
    .insert(businesses)
    .values({ merchantId: `MID-${randomUUID().slice(0, 8)}`, legalName: `Shop ${region}`, country: currency === "CAD" ? "CA" : "US", region, currency, timezone })
    .returning();
  const roles = {} as Record<"owner" | "accountant" | "staff", Actor>;
  for (const role of ["owner", "accountant", "staff"] as const) {
    const [user] = await db.db.insert(users).values({ email: `${role}-${randomUUID()}@test.test` }).returning();
    await db.db.insert(memberships).values({ userId: user.id, businessId: business.id, role });
    roles[role] = { userId: user.id, role };
  }
  return { business, ...roles };
}

function company(country: "CA" | "US" = "CA", currency = country === "CA" ? "CAD" : "USD") {
  const realmId = `9341${Math.floor(Math.random() * 1e12)}`;
  companies.set(realmId, new FakeCompany({ name: `Books ${realmId}`, country, currency }));
  return { realmId, books: companies.get(realmId)! };
}

/** Waits until `count` sessions of this test database wait on a lock (the race is set up). */
async function waitForLockWaiters(count: number) {
  for (let i = 0; i < 400; i += 1) {
    const [row] = await db.db.execute<{ n: number }>(sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
    if (Number(row.n) >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`expected ${count} sessions waiting on a lock`);
}

async function refusal(promise: Promise<unknown>): Promise<RefusalCode> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ConnectionRefusedError) return error.code;
    throw error;
  }
  throw new Error("expected a refusal");
}

/** Start as the owner, then come back from Intuit with a code for the realm. */
async function connect(owner: Actor, businessId: string, realmId: string, clock = clockAt(new Date().toISOString()), purpose: "connect" | "reauthorize" = "connect") {
  const { state } = await startAuthorization(db.db, { actor: owner, businessId, purpose, secret, clock, buildUrl: (s) => `https://intuit.test/?state=${s}` });
  return completeAuthorization(db.db, { userId: owner.userId, query: { state, code: "code", realmId }, secret, clock, deps });
}

const withFake = (realmId: string) => <T>(_c: unknown, work: (api: ReturnType<FakeCompany["api"]>) => Promise<T>) => work(companies.get(realmId)!.api());

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

describe("connecting", () => {
  it("records consent, stores the company and encrypted tokens, and no column holds a token in plain text", async () => {
    const { business, owner } = await seedBusiness("ON", "CAD");
    const { realmId } = company();
    await connect(owner, business.id, realmId);
    const connection = (await findConnection(db.db, business.id))!;
    expect(connection).toMatchObject({ status: "active", realmId, companyCountry: "CA", homeCurrency: "CAD", usesUsSalesTax: false, consentByUserId: owner.userId, connectedByUserId: owner.userId });
    expect(connection.consentAt).toBeInstanceOf(Date);
    expect(connection.setupCompletedAt).toBeNull();

    const stored = lastTokens.get(realmId)!;
    expect(await readTokens(db.db, connection.id)).toMatchObject({ accessToken: stored.accessToken, refreshToken: stored.refreshToken });
    // Every row of every table this flow writes, as PostgreSQL returns it.
    for (const table of ["qbo_tokens", "qbo_connections", "oauth_states", "audit_events"]) {
      const rows = await db.sql.unsafe(`select * from ${table}`);
      const dump = JSON.stringify(rows);
      expect(dump, table).not.toContain(stored.accessToken);
      expect(dump, table).not.toContain(stored.refreshToken);
      expect(dump, table).not.toContain("PLAINTEXT");
    }
    const [row] = await db.db.select().from(qboTokens).where(eq(qboTokens.connectionId, connection.id));
    expect(row.keyId).toBe("k1");
    expect(row.accessTokenExpiresAt).toBeInstanceOf(Date);
    const actions = (await db.db.select().from(auditEvents).where(eq(auditEvents.businessId, business.id))).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["quickbooks.consent_given", "quickbooks.connected"]));
  });

  it("refuses a tampered ciphertext", async () => {
    const { business, owner } = await seedBusiness("ON", "CAD");
    await connect(owner, business.id, company().realmId);
    const connection = (await findConnection(db.db, business.id))!;
    const [row] = await db.db.select().from(qboTokens).where(eq(qboTokens.connectionId, connection.id));
    const parts = row.refreshTokenCiphertext.split(".");
    const body = Buffer.from(parts[3], "base64url");
    body[0] ^= 1;
    parts[3] = body.toString("base64url");
    await db.db.update(qboTokens).set({ refreshTokenCiphertext: parts.join(".") }).where(eq(qboTokens.connectionId, connection.id));
    await expect(readTokens(db.db, connection.id)).rejects.toThrow(TokenDecryptionError);

    // Disconnecting still works, but says the access was not revoked at Intuit, and the audit keeps why.
    const revoked: string[] = [];
    const outcome = await disconnectConnection(db.db, { actor: owner, businessId: business.id, deps: { revoke: async (t) => void revoked.push(t) } });
    expect(outcome).toMatchObject({ revoked: false, connection: { status: "disconnected" } });
    expect(revoked).toEqual([]);
    expect(await db.db.select().from(qboTokens).where(eq(qboTokens.connectionId, connection.id))).toEqual([]);
    const [audit] = (await db.db.select().from(auditEvents).where(eq(auditEvents.businessId, business.id))).filter((e) => e.action === "quickbooks.disconnected");
    expect(audit.after).toMatchObject({ status: "disconnected", revoked: false, notRevokedBecause: expect.stringContaining("integrity check") });
  });

  it("lets only the owner start or finish connecting", async () => {
    const { business, accountant, staff } = await seedBusiness("ON", "CAD");
    for (const actor of [accountant, staff]) {
      expect(await refusal(startAuthorization(db.db, { actor, businessId: business.id, purpose: "connect", secret }))).toBe("forbidden");
    }
    // A state signed for the accountant (never issued by the portal) is refused at the callback as well.
    const { state } = createState(secret, { userId: accountant.userId, businessId: business.id, purpose: "connect" });
    expect(await refusal(completeAuthorization(db.db, { userId: accountant.userId, query: { state, code: "c", realmId: "1" }, secret, deps }))).toBe("forbidden");
    expect(await db.db.select().from(qboTokens)).not.toContainEqual(expect.objectContaining({ connectionId: (await findConnection(db.db, business.id))?.id }));
  });

  it("refuses a reused, expired, tampered or foreign state and stores nothing", async () => {
    const { business, owner } = await seedBusiness("ON", "CAD");
    const other = await seedBusiness("ON", "CAD");
    const { realmId } = company();
    const clock = clockAt("2026-11-20T15:00:00Z");
    const start = () => startAuthorization(db.db, { actor: owner, businessId: business.id, purpose: "connect", secret, clock, buildUrl: () => "" });
    const finish = (state: string, extra: { userId?: string; expectedBusinessId?: string } = {}) =>
      completeAuthorization(db.db, { userId: extra.userId ?? owner.userId, expectedBusinessId: extra.expectedBusinessId, query: { state, code: "c", realmId }, secret, clock, deps });

    const expired = await start();
    clock.advanceMinutes(11);
    expect(await refusal(finish(expired.state))).toBe("state_expired");

    const tampered = await start();
    expect(await refusal(finish(`${tampered.state.slice(0, -2)}xx`))).toBe("state_invalid");
    expect(await refusal(finish(tampered.state, { expectedBusinessId: other.business.id }))).toBe("state_foreign");
    expect(await refusal(finish(tampered.state, { userId: other.owner.userId }))).toBe("state_foreign");
    // A state the portal never stored (signed with the right key but no nonce row).
    const forged = createState(secret, { userId: owner.userId, businessId: business.id, purpose: "connect" }, clock());
    expect(await refusal(finish(forged.state))).toBe("state_invalid");

    expect((await findConnection(db.db, business.id))!.status).toBe("not_connected");
    expect(await db.db.select().from(qboTokens).where(eq(qboTokens.connectionId, (await findConnection(db.db, business.id))!.id))).toEqual([]);

    const good = await start();
    await finish(good.state);
    expect((await findConnection(db.db, business.id))!.status).toBe("active");
    expect(await refusal(finish(good.state))).toBe("state_reused");
    const [nonce] = await db.db.select().from(oauthStates).where(eq(oauthStates.businessId, business.id)).orderBy(oauthStates.usedAt);
    expect(nonce.usedAt).toBeInstanceOf(Date);
  });

  it("Cancel on Intuit's page burns the state and stores nothing", async () => {
    const { business, owner } = await seedBusiness("ON", "CAD");
    const { state } = await startAuthorization(db.db, { actor: owner, businessId: business.id, purpose: "connect", secret, buildUrl: () => "" });
    expect(await refusal(completeAuthorization(db.db, { userId: owner.userId, query: { state, error: "access_denied" }, secret, deps }))).toBe("access_denied");
    expect((await findConnection(db.db, business.id))!.status).toBe("not_connected");
  });

  it("one company, one business: a second business is refused without naming the first, keeps a not-connected record and no tokens", async () => {
    const first = await seedBusiness("ON", "CAD");
    const second = await seedBusiness("ON", "CAD");
    const { realmId } = company();
    await connect(first.owner, first.business.id, realmId);
    let message = "";
    try {
      await connect(second.owner, second.business.id, realmId);
    } catch (error) {
      expect((error as ConnectionRefusedError).code).toBe("company_taken");
      message = (error as Error).message;
    }
    expect(message).not.toContain(first.business.legalName);
    expect(message).not.toContain(first.business.merchantId);
    const record = (await findConnection(db.db, second.business.id))!;
    expect(record).toMatchObject({ status: "not_connected", realmId: null });
    expect(await db.db.select().from(qboTokens).where(eq(qboTokens.connectionId, record.id))).toEqual([]);
    expect((await findConnection(db.db, first.business.id))!.status).toBe("active");
    const [attempt] = await db.db.select().from(auditEvents).where(eq(auditEvents.businessId, second.business.id)).orderBy(auditEvents.createdAt);
    const refused = (await db.db.select().from(auditEvents).where(eq(auditEvents.businessId, second.business.id))).find((e) => e.action === "quickbooks.connect_refused");
    expect(attempt).toBeDefined();
    expect(refused?.after).toEqual({ reason: "company_taken" });
  });

  it("two owners racing for one company: one connects, the other is told the company is taken (not a server error)", async () => {
    const first = await seedBusiness("ON", "CAD");
    const second = await seedBusiness("ON", "CAD");
    const holder = await seedBusiness("ON", "CAD");
    const { realmId } = company();
    const holderConnection = await ensureConnection(db.db, holder.business.id);
    // A third session claims the company in a transaction it has not committed: both callbacks find
    // no live connection of the company, write theirs, and queue on the unique index behind it. When it
    // rolls back, the two callbacks race for the index for real.
    const session = postgres(db.url, { max: 1, onnotice: () => {} });
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let claimed!: () => void;
    const holds = new Promise<void>((resolve) => (claimed = resolve));
    const holding = session
      .begin(async (tx) => {
        await tx`update qbo_connections set realm_id = ${realmId}, status = 'active' where id = ${holderConnection.id}`;
        claimed();
        await released;
        throw new Error("roll back");
      })
      .catch(() => undefined);
    try {
      await holds;
      const attempts = Promise.allSettled([connect(first.owner, first.business.id, realmId), connect(second.owner, second.business.id, realmId)]);
      await waitForLockWaiters(2);
      release();
      const outcomes = await attempts;
      const refused = outcomes.flatMap((o) => (o.status === "rejected" ? [o.reason] : []));
      expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
      expect(refused[0]).toBeInstanceOf(ConnectionRefusedError);
      expect(refused[0]).toMatchObject({ code: "company_taken" });
      const loser = outcomes[0].status === "rejected" ? first : second;
      const winner = loser === first ? second : first;
      expect((await findConnection(db.db, winner.business.id))!).toMatchObject({ status: "active", realmId });
      expect((await findConnection(db.db, loser.business.id))!).toMatchObject({ status: "not_connected", realmId: null });
      const audit = await db.db.select().from(auditEvents).where(eq(auditEvents.businessId, loser.business.id));
      expect(audit.filter((e) => e.action === "quickbooks.connect_refused").map((e) => e.after)).toEqual([{ reason: "company_taken" }]);
    } finally {
      release();
      await holding;
      await session.end();
    }
  });

  it("refuses a company whose home currency differs from the business's", async () => {
    const { business, owner } = await seedBusiness("NY", "USD", "America/New_York");
    const canadian = company("CA");
    try {
      await connect(owner, business.id, canadian.realmId);
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: "currency_mismatch", details: { companyCurrency: "CAD", businessCurrency: "USD" } });
    }
    expect((await findConnection(db.db, business.id))!.realmId).toBeNull();
    // No business holds that company: the grant the refused authorization created is revoked.
    expect(revokedGrants).toContain(lastTokens.get(canadian.realmId)!.refreshToken);
  });

  it("revokes a refused grant only when no business holds the company", async () => {
    const first = await seedBusiness("ON", "CAD");
    const second = await seedBusiness("ON", "CAD");
    const { realmId } = company();
    await connect(first.owner, first.business.id, realmId);
    // Another business tries the same company: refused, and the holder's grant is left alone.
    expect(await refusal(connect(second.owner, second.business.id, realmId))).toBe("company_taken");
    expect(revokedGrants).not.toContain(lastTokens.get(realmId)!.refreshToken);
    // Reauthorizing with a company nobody holds (the realm does not match): that grant is revoked.
    const stray = company();
    expect(await refusal(connect(first.owner, first.business.id, stray.realmId, undefined, "reauthorize"))).toBe("other_company");
    expect(revokedGrants).toContain(lastTokens.get(stray.realmId)!.refreshToken);
    expect((await findConnection(db.db, first.business.id))!).toMatchObject({ status: "active", realmId });
  });
});

describe("mapping", () => {
  it("confirms version 1 from the connection day with the defaults, reuses them on the next pass and dates an edit today", async () => {
    const { business, owner, accountant } = await seedBusiness("ON", "CAD");
    const { realmId, books } = company();
    const clock = clockAt("2026-11-20T15:00:00Z");
    await connect(owner, business.id, realmId, clock);
    const bank = books.entities.Account.find((a) => a.AccountType === "Bank")!;
    const hst = books.entities.TaxCode.find((t) => t.Name === "HST ON")!;
    const choice = { bank: bank.Id, revenue: "default", expense: "default", customer: "default", taxCode: hst.Id };
    const save = (mode: "setup" | "edit", actor = owner) => saveMapping(db.db, { actor, businessId: business.id, choice, mode, names, withApi: withFake(realmId), clock });

    expect(await refusal(save("setup", accountant))).toBe("forbidden");
    const v1 = await save("setup");
    expect(v1).toMatchObject({ version: 1, effectiveFrom: "2026-11-20", revenueAccountName: "Maple Payments Revenue", expenseAccountName: "Maple Payments Expense", customerName: "Maple Payments Customer", taxCodeName: "HST ON" });
    expect(books.find("Account", v1.expenseAccountId)).toMatchObject({ AccountType: "Expense", AccountSubType: "BankCharges" });
    expect(books.creates).toBe(3);
    expect((await findConnection(db.db, business.id))!.setupCompletedAt).toBeInstanceOf(Date);
    expect(await refusal(save("setup"))).toBe("setup_done");

    clock.advanceDays(3);
    const v2 = await save("edit");
    expect(books.creates).toBe(3); // idempotent: the same three entities are reused
    expect(v2).toMatchObject({ version: 2, effectiveFrom: "2026-11-23", revenueAccountId: v1.revenueAccountId, customerId: v1.customerId });
    const versions = await db.db.select().from(qboMappingVersions).where(eq(qboMappingVersions.connectionId, v1.connectionId));
    expect(versions.map((v) => v.version).sort()).toEqual([1, 2]);
    const audit = await db.db.select().from(auditEvents).where(eq(auditEvents.action, "quickbooks.mapping_changed"));
    expect(audit.at(-1)).toMatchObject({ actorUserId: owner.userId, before: { version: 1 }, after: { version: 2, effectiveFrom: "2026-11-23" } });
  });

  it("reports a default name taken by an account of another type, and refuses an account that is not offered", async () => {
    const { business, owner } = await seedBusiness("ON", "CAD");
    const { realmId, books } = company();
    books.add("Account", { Name: "Maple Payments Expense", AccountType: "Income" });
    await connect(owner, business.id, realmId);
    const bank = books.entities.Account.find((a) => a.AccountType === "Bank")!;
    const income = books.entities.Account.find((a) => a.Name === "Sales")!;
    const base = { bank: bank.Id, revenue: "default", expense: "default", customer: "default", taxCode: books.entities.TaxCode[0].Id };
    const save = (choice: typeof base) => saveMapping(db.db, { actor: owner, businessId: business.id, choice, mode: "setup", names, withApi: withFake(realmId) });
    try {
      await save(base);
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: "default_conflict", details: { slot: "expense", name: "Maple Payments Expense", existingType: "Income" } });
    }
    expect(await refusal(save({ ...base, expense: income.Id }))).toBe("invalid_mapping");
    const expense = books.entities.Account.find((a) => a.Name === "Bank charges")!;
    await expect(save({ ...base, expense: expense.Id })).resolves.toMatchObject({ expenseAccountName: "Bank charges" });
  });

  it("names the defaults in French for a French-speaking owner", async () => {
    const { business, owner } = await seedBusiness("QC", "CAD", "America/Montreal");
    const { realmId, books } = company();
    await connect(owner, business.id, realmId);
    const v = await saveMapping(db.db, {
      actor: owner,
      businessId: business.id,
      choice: { bank: books.entities.Account[0].Id, revenue: "default", expense: "default", customer: "default", taxCode: books.entities.TaxCode[0].Id },
      mode: "setup",
      names: defaultNames("Maple Payments", "fr-CA"),
      withApi: withFake(realmId),
    });
    expect([v.revenueAccountName, v.expenseAccountName, v.customerName]).toEqual(["Revenu Maple Payments", "Dépenses Maple Payments", "Client Maple Payments"]);
  });

  it("finds inactive and missing mapped references", async () => {
    const { books } = company();
    const [bank, , income, expense] = books.entities.Account;
    const customer = books.entities.Customer[0];
    const tax = books.entities.TaxCode[0];
    const mapping = {
      bankAccountId: bank.Id, bankAccountName: "Chequing", revenueAccountId: income.Id, revenueAccountName: "Sales",
      expenseAccountId: expense.Id, expenseAccountName: "Bank charges", customerId: customer.Id, customerName: "Walk-in", taxCodeId: tax.Id, taxCodeName: "GST",
    };
    expect(await checkMappingHealth(books.api(), mapping)).toEqual([]);
    income.Active = false;
    const broken = await checkMappingHealth(books.api(), { ...mapping, customerId: "99999" });
    expect(broken.map((b) => [b.slot, b.problem])).toEqual([["revenue", "inactive"], ["customer", "missing"]]);
    expect(broken[0].fix).toMatch(/Sales.*inactive/);
  });
});

describe("managing", () => {
  async function connectedAndSetUp(clock: ReturnType<typeof clockAt>) {
    const seeded = await seedBusiness("ON", "CAD");
    const { realmId, books } = company();
    await connect(seeded.owner, seeded.business.id, realmId, clock);
    await saveMapping(db.db, {
      actor: seeded.owner,
      businessId: seeded.business.id,
      choice: { bank: books.entities.Account[0].Id, revenue: "default", expense: "default", customer: "default", taxCode: books.entities.TaxCode[0].Id },
      mode: "setup",
      names,
      withApi: withFake(realmId),
      clock,
    });
    return { ...seeded, realmId };
  }

  it("pauses from today and resumes only from paused", async () => {
    const clock = clockAt("2026-11-20T15:00:00Z");
    const { business, owner, staff } = await connectedAndSetUp(clock);
    const act = { actor: owner, businessId: business.id, clock };
    expect(await refusal(resumeConnection(db.db, act))).toBe("not_paused");
    expect(await refusal(pauseConnection(db.db, { ...act, actor: staff }))).toBe("forbidden");
    await pauseConnection(db.db, act);
    expect(await refusal(pauseConnection(db.db, act))).toBe("not_active");
    clock.advanceDays(5);
    await resumeConnection(db.db, act);
    const connection = (await findConnection(db.db, business.id))!;
    expect(connection.status).toBe("active");
    const pauses = await db.db.select().from(qboPauses).where(eq(qboPauses.connectionId, connection.id));
    expect(pauses).toMatchObject([{ pausedFrom: "2026-11-20", resumedOn: "2026-11-25" }]);
    const actions = (await db.db.select().from(auditEvents).where(eq(auditEvents.businessId, business.id))).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["quickbooks.paused", "quickbooks.resumed"]));
  });

  it("an owner of several businesses pauses and resumes each on its own", async () => {
    const clock = clockAt("2026-11-20T15:00:00Z");
    const first = await connectedAndSetUp(clock);
    const second = await connectedAndSetUp(clock);
    // The same person owns both.
    await db.db.insert(memberships).values({ userId: first.owner.userId, businessId: second.business.id, role: "owner" });
    const owner = first.owner;
    await pauseConnection(db.db, { actor: owner, businessId: first.business.id, clock });
    expect((await findConnection(db.db, first.business.id))!.status).toBe("paused");
    expect((await findConnection(db.db, second.business.id))!.status).toBe("active");
    await pauseConnection(db.db, { actor: owner, businessId: second.business.id, clock });
    await resumeConnection(db.db, { actor: owner, businessId: first.business.id, clock });
    expect((await findConnection(db.db, first.business.id))!.status).toBe("active");
    expect((await findConnection(db.db, second.business.id))!.status).toBe("paused");
  });

  it("refuses to resume after 365 days paused until the owner reauthorizes the same company", async () => {
    const clock = clockAt("2026-01-10T15:00:00Z");
    const { business, owner, realmId } = await connectedAndSetUp(clock);
    const act = { actor: owner, businessId: business.id, clock };
    await pauseConnection(db.db, act);
    clock.advanceDays(366);
    expect(await refusal(resumeConnection(db.db, act))).toBe("paused_too_long");
    expect(await refusal(connect(owner, business.id, company().realmId, clock, "reauthorize"))).toBe("other_company");
    expect(await refusal(resumeConnection(db.db, act))).toBe("paused_too_long");
    await connect(owner, business.id, realmId, clock, "reauthorize");
    expect((await findConnection(db.db, business.id))!.status).toBe("paused");
    await resumeConnection(db.db, act);
    expect((await findConnection(db.db, business.id))!.status).toBe("active");
  });

  it("reauthorize brings needs-reauthorization back to active and keeps the mapping", async () => {
    const { business, owner, realmId } = await connectedAndSetUp(clockAt("2026-11-20T15:00:00Z"));
    const connection = (await findConnection(db.db, business.id))!;
    await db.db.update(qboConnections).set({ status: "needs_reauthorization" }).where(eq(qboConnections.id, connection.id));
    await connect(owner, business.id, realmId, clockAt("2026-11-21T15:00:00Z"), "reauthorize");
    expect((await findConnection(db.db, business.id))!.status).toBe("active");
    expect(await db.db.select().from(qboMappingVersions).where(eq(qboMappingVersions.connectionId, connection.id))).toHaveLength(1);
    expect((await readTokens(db.db, connection.id))!.accessToken).toBe(lastTokens.get(realmId)!.accessToken);
  });

  it("disconnect revokes at Intuit, deletes the tokens and keeps the record; connecting again starts over", async () => {
    const clock = clockAt("2026-11-20T15:00:00Z");
    const { business, owner, realmId } = await connectedAndSetUp(clock);
    const connection = (await findConnection(db.db, business.id))!;
    const revoked: string[] = [];
    await disconnectConnection(db.db, { actor: owner, businessId: business.id, clock, deps: { revoke: async (t) => void revoked.push(t) } });
    expect(revoked).toEqual([lastTokens.get(realmId)!.refreshToken]);
    expect(await db.db.select().from(qboTokens).where(eq(qboTokens.connectionId, connection.id))).toEqual([]);
    const after = (await findConnection(db.db, business.id))!;
    expect(after).toMatchObject({ id: connection.id, status: "disconnected" });
    expect(await db.db.select().from(qboMappingVersions).where(eq(qboMappingVersions.connectionId, connection.id))).toHaveLength(1);

    // The company is free again, and this business goes through the whole onboarding.
    clock.advanceDays(2);
    await connect(owner, business.id, realmId, clock);
    expect((await findConnection(db.db, business.id))!).toMatchObject({ status: "active", setupCompletedAt: null, connectedOn: "2026-11-22" });
  });
});
