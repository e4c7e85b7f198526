/**
 * The demo data set: three businesses (Ontario, Quebec with a French-speaking owner, New York) with
 * 60 days of generated activity ending yesterday, and one user per role. Safe to run again: users
 * and memberships are only added when missing, and activity goes through the idempotent ingest, so
 * a second run on the same day changes nothing. A later run keeps each business's first day (read
 * back from its stored transactions) so the regenerated history is identical and only the new
 * days are added.
 */
import { and, eq, inArray, isNull, min } from "drizzle-orm";
import type { Db } from "@/db/client";
import { businesses, cardTransactions, memberships, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { generateDemoActivity, type DemoBusiness } from "./generator";
import { ingestEvents } from "@/lib/processor/ingest";
import { addDays, businessDateOf } from "@/lib/processor/timezone";

export const DEMO_PASSWORD = "demo-password-2026";

interface DemoUser {
  email: string;
  name: string;
  locale: "en" | "fr-CA";
  isSupport: boolean;
  description: string;
}

export const DEMO_USERS: readonly DemoUser[] = [
  { email: "owner@demo.test", name: "Olivia Owner", locale: "en", isSupport: false, description: "owner of the three businesses and of the showcase MID-4004" },
  { email: "proprietaire@demo.test", name: "Pascale Tremblay", locale: "fr-CA", isSupport: false, description: "owner of the Quebec business (French)" },
  { email: "accountant@demo.test", name: "Adam Accountant", locale: "en", isSupport: false, description: "accountant of all four businesses" },
  { email: "staff@demo.test", name: "Sam Staff", locale: "en", isSupport: false, description: "staff of all four businesses" },
  { email: "support@demo.test", name: "Sasha Support", locale: "en", isSupport: true, description: `support (processor employee): /admin` },
];

export const DEMO_BUSINESSES: readonly DemoBusiness[] = [
  {
    merchantId: "MID-1001",
    legalName: "Café Soleil Toronto Inc.",
    country: "CA",
    region: "ON",
    currency: "CAD",
    timezone: "America/Toronto",
    ownerEmail: "owner@demo.test",
    locale: "en",
  },
  {
    merchantId: "MID-2002",
    legalName: "Boulangerie du Plateau inc.",
    country: "CA",
    region: "QC",
    currency: "CAD",
    timezone: "America/Montreal",
    ownerEmail: "proprietaire@demo.test",
    locale: "fr-CA",
  },
  {
    merchantId: "MID-3003",
    legalName: "Hudson Street Diner LLC",
    country: "US",
    region: "NY",
    currency: "USD",
    timezone: "America/New_York",
    ownerEmail: "owner@demo.test",
    locale: "en",
  },
];

/** Memberships beyond the owners the business events name. */
const EXTRA_ROLES: readonly { email: string; role: "owner" | "accountant" | "staff" }[] = [
  { email: "owner@demo.test", role: "owner" },
  { email: "accountant@demo.test", role: "accountant" },
  { email: "staff@demo.test", role: "staff" },
];

const DEMO_SEED = "settlebooks-demo";
const DEMO_DAYS = 60;
/** Events per ingest call: about what one 5 MB request carries. */
const BATCH_SIZE = 5_000;

export interface SeedSummary {
  businesses: { merchantId: string; from: string; to: string; accepted: number; duplicates: number }[];
}

export async function seedDemo(db: Db, options: { now?: Date; days?: number } = {}): Promise<SeedSummary> {
  const now = options.now ?? new Date();
  await ensureDemoUsers(db);

  const summary: SeedSummary = { businesses: [] };
  for (const business of DEMO_BUSINESSES) {
    const endDate = addDays(businessDateOf(now, business.timezone), -1);
    const startDate = (await firstActivityDate(db, business.merchantId)) ?? addDays(endDate, -((options.days ?? DEMO_DAYS) - 1));
    const events = generateDemoActivity({ business, startDate, endDate, seed: DEMO_SEED });
    let accepted = 0;
    let duplicates = 0;
    for (let i = 0; i < events.length; i += BATCH_SIZE) {
      const result = await ingestEvents(db, events.slice(i, i + BATCH_SIZE));
      accepted += result.accepted;
      duplicates += result.duplicates;
    }
    summary.businesses.push({ merchantId: business.merchantId, from: startDate, to: endDate, accepted, duplicates });
  }

  await ensureDemoMemberships(db);
  return summary;
}

/** The first business date of a business's stored transactions, so a later seed extends the same history. */
async function firstActivityDate(db: Db, merchantId: string): Promise<string | undefined> {
  const [business] = await db.select({ id: businesses.id }).from(businesses).where(eq(businesses.merchantId, merchantId));
  if (!business) return undefined;
  const [row] = await db
    .select({ first: min(cardTransactions.businessDate) })
    .from(cardTransactions)
    .where(eq(cardTransactions.businessId, business.id));
  return row?.first ?? undefined;
}

async function ensureDemoUsers(db: Db): Promise<void> {
  const emails = DEMO_USERS.map((u) => u.email);
  const existing = await db.select({ email: users.email, passwordHash: users.passwordHash }).from(users).where(inArray(users.email, emails));
  const byEmail = new Map(existing.map((u) => [u.email, u]));
  for (const user of DEMO_USERS) {
    const found = byEmail.get(user.email);
    if (!found) {
      const { description: _description, ...values } = user;
      await db
        .insert(users)
        .values({ ...values, passwordHash: await hashPassword(DEMO_PASSWORD) })
        .onConflictDoNothing({ target: users.email });
    } else if (!found.passwordHash) {
      // Created by an earlier business event (no password yet): give it the demo password once.
      await db
        .update(users)
        .set({ passwordHash: await hashPassword(DEMO_PASSWORD), name: user.name })
        .where(and(eq(users.email, user.email), isNull(users.passwordHash)));
    }
  }
}

/** The demo owner, accountant and staff on each of these businesses (the demo's three by default). */
export async function ensureDemoMemberships(db: Db, merchantIds: readonly string[] = DEMO_BUSINESSES.map((b) => b.merchantId)): Promise<void> {
  const businessRows = await db
    .select({ id: businesses.id })
    .from(businesses)
    .where(inArray(businesses.merchantId, [...merchantIds]));
  const userRows = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(users.email, EXTRA_ROLES.map((r) => r.email)));
  const idByEmail = new Map(userRows.map((u) => [u.email, u.id]));
  const values = businessRows.flatMap((business) =>
    EXTRA_ROLES.map(({ email, role }) => ({ userId: idByEmail.get(email)!, businessId: business.id, role })),
  );
  // Existing memberships are left as they are: the seed never changes a role someone edited.
  if (values.length) await db.insert(memberships).values(values).onConflictDoNothing();
}
