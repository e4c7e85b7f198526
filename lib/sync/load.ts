import { and, asc, eq, inArray, lte } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { cardTransactions, fees, settlementDeposits, syncItems } from "@/db/schema";
import type { IsoDate } from "./dates";

/**
 * The reads of a sync run, each one query for the whole set (never one per record). Every query
 * is scoped by the connection and the business.
 */
const POSTABLE = ["pending", "ready_to_sync"] as const;

/** The connection's items of one record type that a run through `through` posts. */
function postableItems(connectionId: string, recordType: (typeof syncItems.$inferSelect)["recordType"], through: IsoDate) {
  return and(
    eq(syncItems.connectionId, connectionId),
    eq(syncItems.recordType, recordType),
    inArray(syncItems.status, [...POSTABLE]),
    lte(syncItems.businessDate, through),
  );
}

/** The sale a refund, chargeback or reversal goes back to (its tax is shared pro rata). */
export const originals = alias(cardTransactions, "original_transaction");

/** A transaction row with its original as the builders take it. */
export function withOriginal<T extends object>(transaction: T, original: { amountMinor: number | null; taxMinor: number | null; tipMinor: number | null } | null) {
  return {
    ...transaction,
    original: original && original.amountMinor !== null ? { amountMinor: original.amountMinor, taxMinor: original.taxMinor, tipMinor: original.tipMinor } : null,
  };
}

export async function loadPostableTransactions(db: Db, connectionId: string, businessId: string, through: IsoDate) {
  return db
    .select({
      itemId: syncItems.id,
      attempts: syncItems.attempts,
      inFlightSince: syncItems.inFlightSince,
      transaction: cardTransactions,
      original: { amountMinor: originals.amountMinor, taxMinor: originals.taxMinor, tipMinor: originals.tipMinor },
    })
    .from(syncItems)
    .innerJoin(cardTransactions, and(eq(cardTransactions.id, syncItems.recordId), eq(cardTransactions.businessId, businessId)))
    .leftJoin(originals, and(eq(originals.id, cardTransactions.originalTransactionId), eq(originals.businessId, businessId)))
    .where(postableItems(connectionId, "transaction", through))
    .orderBy(asc(cardTransactions.occurredAt), asc(cardTransactions.id));
}

export async function loadPostableFees(db: Db, connectionId: string, businessId: string, through: IsoDate) {
  return db
    .select({ itemId: syncItems.id, attempts: syncItems.attempts, inFlightSince: syncItems.inFlightSince, fee: fees })
    .from(syncItems)
    .innerJoin(fees, and(eq(fees.id, syncItems.recordId), eq(fees.businessId, businessId)))
    .where(postableItems(connectionId, "fee", through))
    .orderBy(asc(fees.occurredAt));
}

export async function loadPostableDeposits(db: Db, connectionId: string, businessId: string, through: IsoDate) {
  return db
    .select({ itemId: syncItems.id, attempts: syncItems.attempts, inFlightSince: syncItems.inFlightSince, deposit: settlementDeposits })
    .from(syncItems)
    .innerJoin(settlementDeposits, and(eq(settlementDeposits.id, syncItems.recordId), eq(settlementDeposits.businessId, businessId)))
    .where(postableItems(connectionId, "deposit", through))
    .orderBy(asc(settlementDeposits.depositDate), asc(settlementDeposits.id));
}

/** What the given deposits settle: their transactions with each one's sync item, and their fees. */
export async function loadSettledItems(db: Db, connectionId: string, businessId: string, depositIds: string[]) {
  if (depositIds.length === 0) return { transactions: [], fees: [] };
  const transactions = await db
    .select({
      depositId: cardTransactions.depositId,
      processorId: cardTransactions.processorId,
      kind: cardTransactions.kind,
      amountMinor: cardTransactions.amountMinor,
      occurredAt: cardTransactions.occurredAt,
      itemStatus: syncItems.status,
      qboId: syncItems.qboId,
      qboEntity: syncItems.qboEntity,
    })
    .from(cardTransactions)
    .leftJoin(
      syncItems,
      and(eq(syncItems.connectionId, connectionId), eq(syncItems.recordType, "transaction"), eq(syncItems.recordId, cardTransactions.id)),
    )
    .where(and(eq(cardTransactions.businessId, businessId), inArray(cardTransactions.depositId, depositIds)))
    .orderBy(asc(cardTransactions.occurredAt), asc(cardTransactions.id));
  const settledFees = await db
    .select({ depositId: fees.depositId, processorId: fees.processorId, kind: fees.kind, amountMinor: fees.amountMinor })
    .from(fees)
    .where(and(eq(fees.businessId, businessId), inArray(fees.depositId, depositIds)))
    .orderBy(asc(fees.occurredAt), asc(fees.id));
  return { transactions, fees: settledFees };
}

