import { and, eq, inArray, max, min } from "drizzle-orm";
import type { Db } from "@/db/client";
import { businesses, cardTransactions, memberships, qboMappingVersions, syncRuns, users } from "@/db/schema";
import { env } from "@/lib/env";
import { ingestEvents } from "@/lib/processor/ingest";
import { addDays, businessDateOf, dayOfWeek, zonedTimeToInstant } from "@/lib/processor/timezone";
import type { Actor } from "@/lib/quickbooks/connection/actor";
import { startAuthorization } from "@/lib/quickbooks/connection/authorization-start";
import { completeAuthorization } from "@/lib/quickbooks/connection/authorization-callback";
import type { Clock } from "@/lib/quickbooks/connection/business-day";
import { withConnectionApi } from "@/lib/quickbooks/connection/connection-api";
import { findConnection, isLive, type Connection } from "@/lib/quickbooks/connection/connection-record";
import { pauseConnection, resumeConnection } from "@/lib/quickbooks/connection/lifecycle";
import { DEFAULT_CHOICE, type MappingChoice } from "@/lib/quickbooks/mapping/mapping-choice";
import { defaultNames } from "@/lib/quickbooks/mapping/default-names";
import { loadMappingOptions, type MappingOptions } from "@/lib/quickbooks/mapping/mapping-options";
import { saveMapping } from "@/lib/quickbooks/mapping/mapping-save";
import { syncConnection, type SyncSummary } from "@/lib/sync/engine";
import { generateDemoActivity, type ActivityScript, type DemoBusiness } from "./generator";
import { SandboxClient } from "./sandbox-client";
import { DEMO_PASSWORD, ensureDemoMemberships } from "./seed";

/**
 * The demo's showcase business, MID-4004: connected to a sandbox QuickBooks company about five
 * weeks ago, with its history posted by the real sync engine against the demo's sandbox. Nothing
 * is written into QuickBooks directly: the owner's actions go through the product's own functions
 * (OAuth round trip, mapping, pause, resume, mapping change), each at its day on an injected
 * clock, and the engine runs once per day, as the daily schedule would have, through the day
 * before. So every posting rule holds (nothing before the connection day, only ended days, nothing
 * of the paused days, version 2 of the mapping from its day on).
 *
 * Idempotent: the connection is made once; the days already synced (the latest run's through
 * date) are not run again, and the history's first day is read back, so a second seed on the same
 * day adds nothing and a seed a day later only adds and posts the new day.
 */
export const SHOWCASE_BUSINESS: DemoBusiness = {
  merchantId: "MID-4004",
  legalName: "Northern Lights Bistro Ltd.",
  country: "CA",
  region: "ON",
  currency: "CAD",
  timezone: "America/Toronto",
  ownerEmail: "owner@demo.test",
  locale: "en",
};

/** The sandbox (Intuit) sign-in that owns the showcase company: the demo owner's own e-mail and password. */
const SHOWCASE_SANDBOX_LOGIN = { email: "owner@demo.test", password: DEMO_PASSWORD, name: "Olivia Owner" } as const;
export const SHOWCASE_COMPANY_NAME = "Northern Lights Bistro";

const CONNECTED_DAYS_AGO = 35;
/** Activity before the connection day: the processor knew the business before it connected (never posted). */
const HISTORY_BEFORE_CONNECTION = 21;
const SEED = "settlebooks-showcase";
/** A smaller room than the other demo cafés: a month of daily syncs posts in seconds, not minutes. */
const DAILY_SALES = 25;
/** The yearly service fee, debited on its own: posted after the 7-day grace, into closed books. */
const SERVICE_FEE_MINOR = 9_900;
/** When the owner acts in the business's day (local time). The schedule runs before, at 06:00. */
const SCHEDULE_SECONDS = 6 * 3600;
const OWNER_ACTS_SECONDS = 10 * 3600;

/** Every dated moment of the showcase, from its connection day. */
export interface ShowcaseCalendar {
  connectedOn: string;
  chargebackOn: string;
  chargebackReversedOn: string;
  /** A quiet day of large refunds: the next deposit is a debit. */
  refundDay: string;
  /** A yearly service fee debited on its own; it fails into closed books and waits in the Failed list. */
  serviceFeeOn: string;
  /** The accountant closes the books before the day after the service fee… */
  booksClosedOn: string;
  /** …and reopens them once the period is reviewed (the failed fee then posts with Ready to sync). */
  booksReopenedOn: string;
  pausedFrom: string;
  resumedOn: string;
  /** Version 2 of the mapping: fees to the Bank Charges account from this day on. */
  mappingChangedOn: string;
}

export function showcaseCalendar(connectedOn: string): ShowcaseCalendar {
  let refundDay = addDays(connectedOn, 6);
  while (dayOfWeek(refundDay) < 1 || dayOfWeek(refundDay) > 4) refundDay = addDays(refundDay, 1);
  const serviceFeeOn = addDays(connectedOn, 10);
  return {
    connectedOn,
    chargebackOn: addDays(connectedOn, 3),
    chargebackReversedOn: addDays(connectedOn, 14),
    refundDay,
    serviceFeeOn,
    booksClosedOn: addDays(serviceFeeOn, 2),
    booksReopenedOn: addDays(serviceFeeOn, 10),
    pausedFrom: addDays(connectedOn, 21),
    resumedOn: addDays(connectedOn, 24),
    mappingChangedOn: addDays(connectedOn, 28),
  };
}

function showcaseScript(calendar: ShowcaseCalendar): ActivityScript {
  return {
    chargeback: { on: calendar.chargebackOn, reversedOn: calendar.chargebackReversedOn },
    refundDay: calendar.refundDay,
    standaloneFees: [{ on: calendar.serviceFeeOn, kind: "service", amountMinor: SERVICE_FEE_MINOR }],
  };
}

export interface ShowcaseSummary {
  merchantId: string;
  realmId: string;
  companyName: string;
  connectedOn: string;
  /** Engine runs made by this seed (0 when everything was already posted). */
  runs: number;
  events: { accepted: number; duplicates: number };
  sandboxLogin: { email: string; password: string; url: string };
}

export interface ShowcaseOptions {
  now?: Date;
  /** The sandbox's base URL (default QBO_LOCAL_URL). */
  sandboxUrl?: string;
  /** Progress lines for the demo's console. */
  log?: (line: string) => void;
}

export async function seedShowcase(db: Db, options: ShowcaseOptions = {}): Promise<ShowcaseSummary> {
  const now = options.now ?? new Date();
  const log = options.log ?? (() => {});
  const e = env();
  const sandbox = new SandboxClient(options.sandboxUrl ?? e.QBO_LOCAL_URL);
  const business = SHOWCASE_BUSINESS;
  const tz = business.timezone;
  const today = businessDateOf(now, tz);
  const at = (date: string, seconds: number): Clock => {
    const instant = zonedTimeToInstant(date, seconds, tz);
    return () => (instant < now ? instant : now);
  };

  // The processor's data first (the business event creates the business and its owner).
  let connection = await showcaseConnection(db);
  const connectedOn = connection?.connectedOn ?? addDays(today, -CONNECTED_DAYS_AGO);
  const calendar = showcaseCalendar(connectedOn);
  const startDate = (await firstActivityDate(db)) ?? addDays(connectedOn, -HISTORY_BEFORE_CONNECTION);
  const events = generateDemoActivity({ business, startDate, endDate: addDays(today, -1), seed: SEED, dailySales: DAILY_SALES, script: showcaseScript(calendar) });
  const ingested = await ingestEvents(db, events);
  await ensureDemoMemberships(db, [business.merchantId]);
  const owner = await ownerActor(db);
  const businessId = (await db.select({ id: businesses.id }).from(businesses).where(eq(businesses.merchantId, business.merchantId)))[0].id;

  // The owner connects on the connection day, through the OAuth round trip, and confirms the mapping.
  if (!connection || !isLive(connection) || !connection.realmId || !(await sandbox.companyExists(connection.realmId))) {
    if (connection && isLive(connection)) throw new Error(`${business.merchantId} is connected to a QuickBooks company the sandbox does not have any more: delete the demo's data folder and start again.`);
    log(`Connecting ${business.merchantId} to a new sandbox QuickBooks company…`);
    connection = await connectThroughOAuth(db, sandbox, owner, businessId, at(connectedOn, OWNER_ACTS_SECONDS));
  }
  const realmId = connection.realmId!;
  if (!connection.setupCompletedAt) {
    await confirmMapping(db, owner, businessId, connection, "setup", at(connectedOn, OWNER_ACTS_SECONDS + 600));
  }

  // Then each day as it happened: the 06:00 schedule posts the day before, and the day's actions follow.
  const synced = await lastSyncedThrough(db, connection.id);
  let runs = 0;
  for (let day = addDays(connectedOn, 1); day <= today; day = addDays(day, 1)) {
    if (synced && synced >= addDays(day, -1)) continue;
    if (day === calendar.booksClosedOn) await sandbox.closeBooks(realmId, addDays(calendar.serviceFeeOn, 1));
    if (day === calendar.booksReopenedOn) await sandbox.closeBooks(realmId, null);
    if (day === calendar.resumedOn) await resumeConnection(db, { actor: owner, businessId, clock: at(day, SCHEDULE_SECONDS - 600) });

    const current = (await findConnection(db, businessId))!;
    if (current.status === "active") {
      const summary = await syncConnection({ db, now: at(day, SCHEDULE_SECONDS) }, { connectionId: current.id, through: addDays(day, -1), trigger: "schedule" });
      runs += 1;
      assertRunWent(summary, day);
    }

    if (day === calendar.pausedFrom) await pauseConnection(db, { actor: owner, businessId, clock: at(day, OWNER_ACTS_SECONDS) });
    if (day === calendar.mappingChangedOn && !(await hasMappingVersion(db, current.id, 2))) {
      await confirmMapping(db, owner, businessId, current, "edit", at(day, OWNER_ACTS_SECONDS));
    }
  }
  if (runs > 0) log(`${business.merchantId}: ${runs} daily syncs posted through ${addDays(today, -1)}.`);

  return {
    merchantId: business.merchantId,
    realmId,
    companyName: connection.companyName ?? SHOWCASE_COMPANY_NAME,
    connectedOn,
    runs,
    events: { accepted: ingested.accepted, duplicates: ingested.duplicates },
    sandboxLogin: { email: SHOWCASE_SANDBOX_LOGIN.email, password: SHOWCASE_SANDBOX_LOGIN.password, url: `${sandbox.baseUrl.replace(/\/$/, "")}/app/signin` },
  };
}

/** A daily run either posts (some items may fail alone) or stops the seed with its reason. */
function assertRunWent(summary: SyncSummary, day: string): void {
  if (summary.status === "succeeded" || summary.status === "partly_failed") return;
  throw new Error(`The showcase's sync of ${day} ended "${summary.status}": ${summary.message ?? "no message"}`);
}

async function showcaseConnection(db: Db): Promise<Connection | null> {
  const [row] = await db.select({ id: businesses.id }).from(businesses).where(eq(businesses.merchantId, SHOWCASE_BUSINESS.merchantId));
  return row ? findConnection(db, row.id) : null;
}

async function firstActivityDate(db: Db): Promise<string | undefined> {
  const [row] = await db
    .select({ first: min(cardTransactions.businessDate) })
    .from(cardTransactions)
    .innerJoin(businesses, eq(businesses.id, cardTransactions.businessId))
    .where(eq(businesses.merchantId, SHOWCASE_BUSINESS.merchantId));
  return row?.first ?? undefined;
}

async function ownerActor(db: Db): Promise<Actor> {
  const [row] = await db
    .select({ userId: users.id, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(businesses, eq(businesses.id, memberships.businessId))
    .where(and(eq(users.email, SHOWCASE_BUSINESS.ownerEmail), eq(businesses.merchantId, SHOWCASE_BUSINESS.merchantId), eq(memberships.role, "owner")));
  if (!row) throw new Error(`${SHOWCASE_BUSINESS.ownerEmail} is not the owner of ${SHOWCASE_BUSINESS.merchantId}.`);
  return row;
}

/** The owner's connection, as in the browser: consent and state here, sign-in and Connect on the sandbox's pages, the callback here. */
async function connectThroughOAuth(db: Db, sandbox: SandboxClient, owner: Actor, businessId: string, clock: Clock): Promise<Connection> {
  const e = env();
  await sandbox.ensureUser(SHOWCASE_SANDBOX_LOGIN);
  const realmId = await sandbox.createCompany({ name: SHOWCASE_COMPANY_NAME, country: SHOWCASE_BUSINESS.country, region: SHOWCASE_BUSINESS.region, ownerEmail: SHOWCASE_SANDBOX_LOGIN.email });
  const { url } = await startAuthorization(db, { actor: owner, businessId, purpose: "connect", secret: e.AUTH_SECRET, clock });
  const callback = await sandbox.authorize(url, { email: SHOWCASE_SANDBOX_LOGIN.email, password: SHOWCASE_SANDBOX_LOGIN.password, realmId });
  const state = callback.get("state");
  if (!state) throw new Error("The sandbox's redirect carried no state.");
  await completeAuthorization(db, {
    userId: owner.userId,
    query: { state, code: callback.get("code") ?? undefined, realmId: callback.get("realmId") ?? undefined, error: callback.get("error") ?? undefined },
    secret: e.AUTH_SECRET,
    expectedBusinessId: businessId,
    clock,
  });
  return (await findConnection(db, businessId))!;
}

/**
 * The mapping step as the owner confirms it: the company's Chequing account, the processor's own
 * revenue and expense accounts and customer, the preselected Ontario tax code. Version 2 sends the
 * processor's fees to QuickBooks' own Bank Charges account instead.
 */
async function confirmMapping(db: Db, owner: Actor, businessId: string, connection: Connection, mode: "setup" | "edit", clock: Clock): Promise<void> {
  const names = defaultNames(env().PROCESSOR_NAME, SHOWCASE_BUSINESS.locale ?? "en");
  const withApi: Parameters<typeof saveMapping>[1]["withApi"] = (c, work) => withConnectionApi(db, c, work);
  const options = await withApi(connection, (api) => loadMappingOptions(api, { country: SHOWCASE_BUSINESS.country, region: SHOWCASE_BUSINESS.region, names }));
  const choice: MappingChoice = {
    bank: optionNamed(options, "bankAccounts", "Chequing"),
    revenue: DEFAULT_CHOICE,
    expense: mode === "setup" ? DEFAULT_CHOICE : optionNamed(options, "expenseAccounts", "Bank Charges"),
    customer: DEFAULT_CHOICE,
    taxCode: options.preselectedTaxCodeId ?? options.taxCodes[0].id,
  };
  if (mode === "edit") {
    // Everything but the fees' account stays as version 1 has it.
    const [v1] = await db.select().from(qboMappingVersions).where(and(eq(qboMappingVersions.connectionId, connection.id), eq(qboMappingVersions.version, 1)));
    Object.assign(choice, { bank: v1.bankAccountId, revenue: v1.revenueAccountId, customer: v1.customerId, taxCode: v1.taxCodeId });
  }
  await saveMapping(db, { actor: owner, businessId, choice, mode, names, withApi, clock });
}

function optionNamed(options: MappingOptions, list: "bankAccounts" | "expenseAccounts", name: string): string {
  const found = options[list].find((o) => o.name === name);
  if (!found) throw new Error(`The sandbox company has no "${name}" account.`);
  return found.id;
}

async function hasMappingVersion(db: Db, connectionId: string, version: number): Promise<boolean> {
  const rows = await db
    .select({ version: qboMappingVersions.version })
    .from(qboMappingVersions)
    .where(and(eq(qboMappingVersions.connectionId, connectionId), inArray(qboMappingVersions.version, [version])));
  return rows.length > 0;
}

/** The last business day the showcase's engine runs have brought QuickBooks up to. */
async function lastSyncedThrough(db: Db, connectionId: string): Promise<string | null> {
  const [row] = await db
    .select({ through: max(syncRuns.throughDate) })
    .from(syncRuns)
    .where(and(eq(syncRuns.connectionId, connectionId), inArray(syncRuns.status, ["succeeded", "partly_failed"])));
  return row?.through ?? null;
}
