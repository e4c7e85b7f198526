/** Rows written straight into the tables, for the portal query tests (not shipped in any route). */
import { eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { businesses, cardTransactions, fees, memberships, settlementDeposits, users } from "@/db/schema";
import { breakdownOfItems } from "./deposit-totals";
import type { TransactionKind } from "./transaction-kinds";

export type Business = typeof businesses.$inferSelect;
type NewTransaction = typeof cardTransactions.$inferInsert;
type NewFee = typeof fees.$inferInsert;

export async function insertBusiness(db: Db, merchantId: string, overrides: Partial<typeof businesses.$inferInsert> = {}): Promise<Business> {
  const [row] = await db
    .insert(businesses)
    .values({ merchantId, legalName: `${merchantId} inc.`, country: "CA", region: "ON", currency: "CAD", timezone: "America/Toronto", ...overrides })
    .returning();
  return row;
}

export async function insertMember(db: Db, email: string, businessId: string, role: "owner" | "accountant" | "staff" = "owner") {
  const [user] = await db.insert(users).values({ email }).onConflictDoNothing().returning();
  const userId = user?.id ?? (await db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0].id;
  await db.insert(memberships).values({ userId, businessId, role });
  return { id: userId, email };
}

export interface TransactionSpec {
  processorId: string;
  kind?: TransactionKind;
  amountMinor?: number;
  occurredAt: Date;
  /** Defaults to the UTC date of occurredAt; give it when the business's day differs. */
  businessDate?: string;
  cardBrand?: NewTransaction["cardBrand"];
  last4?: string;
}

export async function insertTransactions(db: Db, business: Business, specs: TransactionSpec[]) {
  if (specs.length === 0) return [];
  const values: NewTransaction[] = specs.map((s) => ({
    businessId: business.id,
    processorId: s.processorId,
    kind: s.kind ?? "sale",
    amountMinor: s.amountMinor ?? 1_000,
    currency: business.currency,
    cardBrand: s.cardBrand ?? "visa",
    last4: s.last4 ?? "4242",
    occurredAt: s.occurredAt,
    businessDate: s.businessDate ?? s.occurredAt.toISOString().slice(0, 10),
    payloadHash: "fixture",
  }));
  const rows = [];
  // A few thousand parameters per statement keeps under PostgreSQL's 65,535-parameter limit.
  for (let i = 0; i < values.length; i += 1_000) {
    rows.push(...(await db.insert(cardTransactions).values(values.slice(i, i + 1_000)).returning()));
  }
  return rows;
}

export async function insertFee(db: Db, business: Business, spec: { processorId: string; amountMinor: number; kind?: NewFee["kind"]; transactionId?: string; occurredAt?: Date }) {
  const occurredAt = spec.occurredAt ?? new Date("2026-11-20T15:00:00Z");
  const [row] = await db
    .insert(fees)
    .values({
      businessId: business.id,
      processorId: spec.processorId,
      kind: spec.kind ?? "processing",
      amountMinor: spec.amountMinor,
      currency: business.currency,
      occurredAt,
      businessDate: occurredAt.toISOString().slice(0, 10),
      transactionId: spec.transactionId,
      payloadHash: "fixture",
    })
    .returning();
  return row;
}

/** A deposit settling the given rows, with the breakdown ingest would have stored. */
export async function insertDeposit(
  db: Db,
  business: Business,
  spec: { processorId: string; depositDate: string; transactionIds: string[]; feeIds?: string[]; bankLast4?: string },
) {
  const feeIds = spec.feeIds ?? [];
  const items = spec.transactionIds.length
    ? await db.select().from(cardTransactions).where(inArray(cardTransactions.id, spec.transactionIds))
    : [];
  const feeRows = feeIds.length ? await db.select().from(fees).where(inArray(fees.id, feeIds)) : [];
  const totals = breakdownOfItems(items, feeRows);
  const [deposit] = await db
    .insert(settlementDeposits)
    .values({
      businessId: business.id,
      processorId: spec.processorId,
      depositDate: spec.depositDate,
      amountMinor: totals.netMinor,
      currency: business.currency,
      bankLast4: spec.bankLast4 ?? "6789",
      salesMinor: totals.salesMinor,
      refundsMinor: totals.refundsMinor,
      chargebacksMinor: totals.chargebacksMinor,
      reversalsMinor: totals.reversalsMinor,
      feesMinor: totals.feesMinor,
      payloadHash: "fixture",
    })
    .returning();
  if (spec.transactionIds.length) await db.update(cardTransactions).set({ depositId: deposit.id }).where(inArray(cardTransactions.id, spec.transactionIds));
  if (feeIds.length) await db.update(fees).set({ depositId: deposit.id }).where(inArray(fees.id, feeIds));
  return deposit;
}

/** Every page of a keyset-paginated list, following nextCursor to the end. */
export async function allPages<R>(fetchPage: (cursor?: string) => Promise<{ rows: R[]; nextCursor: string | null }>): Promise<R[][]> {
  const pages: R[][] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    pages.push(page.rows);
    cursor = page.nextCursor ?? undefined;
    if (pages.length > 1_000) throw new Error("pagination does not end");
  } while (cursor);
  return pages;
}
