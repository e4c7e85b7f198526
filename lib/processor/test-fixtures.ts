/** Event builders and assertions shared by the processor test files (not shipped in any route). */
import { count, eq } from "drizzle-orm";
import { expect } from "vitest";
import type { Db } from "@/db/client";
import { businesses, cardTransactions, fees, memberships, settlementDeposits, users } from "@/db/schema";
import { IngestError } from "./errors";
import { ingestEvents } from "./ingest";

export function businessEvent(merchantId: string, overrides: Record<string, unknown> = {}) {
  return {
    type: "business",
    id: merchantId,
    legalName: `${merchantId} Café inc.`,
    country: "CA",
    region: "ON",
    currency: "CAD",
    timezone: "America/Toronto",
    ownerEmail: `owner-${merchantId.toLowerCase()}@example.test`,
    locale: "en",
    ...overrides,
  };
}

export function sale(merchantId: string, id: string, amountMinor: number, overrides: Record<string, unknown> = {}) {
  return {
    type: "transaction",
    id,
    merchantId,
    kind: "sale",
    amountMinor,
    currency: "CAD",
    occurredAt: "2026-11-20T15:04:05-05:00",
    cardBrand: "visa",
    last4: "4242",
    taxMinor: 0,
    tipMinor: 0,
    ...overrides,
  };
}

export function linked(kind: "refund" | "chargeback" | "chargeback_reversal", merchantId: string, id: string, originalTransactionId: string, amountMinor: number, overrides: Record<string, unknown> = {}) {
  return {
    type: "transaction",
    id,
    merchantId,
    kind,
    amountMinor,
    currency: "CAD",
    occurredAt: "2026-11-20T17:00:00-05:00",
    cardBrand: "visa",
    last4: "4242",
    originalTransactionId,
    ...overrides,
  };
}

export function fee(merchantId: string, id: string, amountMinor: number, overrides: Record<string, unknown> = {}) {
  return {
    type: "fee",
    id,
    merchantId,
    kind: "processing",
    amountMinor,
    currency: "CAD",
    occurredAt: "2026-11-20T15:04:05-05:00",
    ...overrides,
  };
}

export function deposit(merchantId: string, id: string, amountMinor: number, transactionIds: string[], feeIds: string[] = [], overrides: Record<string, unknown> = {}) {
  return {
    type: "deposit",
    id,
    merchantId,
    depositDate: "2026-11-21",
    amountMinor,
    currency: "CAD",
    bankLast4: "6789",
    transactionIds,
    feeIds,
    ...overrides,
  };
}

/** Row counts of every table ingest writes: equal before and after means nothing was applied. */
export async function tableCounts(db: Db) {
  const countOf = async (table: typeof businesses | typeof users | typeof memberships | typeof cardTransactions | typeof fees | typeof settlementDeposits) =>
    (await db.select({ n: count() }).from(table))[0].n;
  return {
    businesses: await countOf(businesses),
    users: await countOf(users),
    memberships: await countOf(memberships),
    transactions: await countOf(cardTransactions),
    fees: await countOf(fees),
    deposits: await countOf(settlementDeposits),
    settledTransactions: (await db.select({ n: count(cardTransactions.depositId) }).from(cardTransactions))[0].n,
  };
}

/** The business's name as stored, to check a rejected update did not land. */
export async function legalNameOf(db: Db, merchantId: string): Promise<string | undefined> {
  const [row] = await db.select({ legalName: businesses.legalName }).from(businesses).where(eq(businesses.merchantId, merchantId));
  return row?.legalName;
}

/**
 * Ingests a batch that must be refused: checks the status, that the message names the index, id
 * and field, and that no table changed.
 */
export async function expectRejected(
  db: Db,
  events: unknown[],
  expected: { status: 400 | 409; index: number; id?: string; field?: string; message?: RegExp },
): Promise<IngestError> {
  const before = await tableCounts(db);
  const error = await ingestEvents(db, events).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(IngestError);
  const ingestError = error as IngestError;
  expect(ingestError.status).toBe(expected.status);
  expect(ingestError.message).toContain(`Event ${expected.index}`);
  expect(ingestError.details?.index).toBe(expected.index);
  if (expected.id !== undefined) {
    expect(ingestError.message).toContain(JSON.stringify(expected.id));
    expect(ingestError.details?.id).toBe(expected.id);
  }
  if (expected.field !== undefined) {
    expect(ingestError.message).toContain(JSON.stringify(expected.field));
    expect(ingestError.details?.field).toBe(expected.field);
  }
  if (expected.message) expect(ingestError.message).toMatch(expected.message);
  expect(await tableCounts(db)).toEqual(before);
  return ingestError;
}
