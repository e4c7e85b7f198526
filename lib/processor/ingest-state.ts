/**
 * What the database already holds that a batch touches, loaded up front with one query per business
 * and kind of record, so applying 20,000 events costs a handful of round trips instead of one per event.
 * Every query on processor records is scoped to the batch's businesses.
 */
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db/client";
import { businesses, cardTransactions, fees, memberships, qboConnections, settlementDeposits, users } from "@/db/schema";
import { LIVE_STATUSES } from "@/lib/quickbooks/connection/connection-record";
import type { ProcessorEvent, TransactionKind } from "./events";

export interface BusinessRecord {
  id: string;
  merchantId: string;
  legalName: string;
  country: "CA" | "US";
  region: string;
  currency: "CAD" | "USD";
  timezone: string;
  /** Holds a live QuickBooks connection: its posted dates depend on the time zone. */
  connected: boolean;
}

export interface TransactionRecord {
  id: string;
  kind: TransactionKind;
  amountMinor: number;
  depositId: string | null;
  payloadHash: string;
}

export interface FeeRecord {
  id: string;
  amountMinor: number;
  depositId: string | null;
  payloadHash: string;
}

export interface DepositRecord {
  id: string;
  payloadHash: string;
}

/** One business's records, keyed by the processor's id. */
export interface BusinessRecords {
  transactions: Map<string, TransactionRecord>;
  fees: Map<string, FeeRecord>;
  deposits: Map<string, DepositRecord>;
}

export interface LoadedState {
  businesses: Map<string, BusinessRecord>; // by merchant id
  records: Map<string, BusinessRecords>; // by business uuid
  /** Emails of users that exist (owners named by business events). */
  knownEmails: Set<string>;
  /** `${email}:${businessId}` → the membership role that user has there. */
  roles: Map<string, string>;
}

/**
 * `column = any($1)` with the ids bound as ONE array parameter: one query reads every id a batch
 * names, however many. (An IN list binds a parameter per id, so it had to be cut into chunks, and
 * each chunk rescanned the business's rows: twice the ids cost four times the work.)
 */
function isAnyOf(column: AnyPgColumn, ids: ReadonlySet<string>): SQL {
  return sql`${column} = any(${sql.param([...ids])}::text[])`;
}

export const roleKey = (email: string, businessId: string) => `${email}:${businessId}`;

export function emptyRecords(): BusinessRecords {
  return { transactions: new Map(), fees: new Map(), deposits: new Map() };
}

interface ReferencedIds {
  transactions: Set<string>;
  fees: Set<string>;
  deposits: Set<string>;
}

/** Every processor id each merchant's events mention, as its own id or as a reference. */
function referencedIdsByMerchant(events: readonly ProcessorEvent[]): Map<string, ReferencedIds> {
  const byMerchant = new Map<string, ReferencedIds>();
  const forMerchant = (merchantId: string) => {
    let ids = byMerchant.get(merchantId);
    if (!ids) {
      ids = { transactions: new Set(), fees: new Set(), deposits: new Set() };
      byMerchant.set(merchantId, ids);
    }
    return ids;
  };
  for (const event of events) {
    switch (event.type) {
      case "business":
        forMerchant(event.id);
        break;
      case "transaction": {
        const ids = forMerchant(event.merchantId);
        ids.transactions.add(event.id);
        if (event.originalTransactionId) ids.transactions.add(event.originalTransactionId);
        break;
      }
      case "fee": {
        const ids = forMerchant(event.merchantId);
        ids.fees.add(event.id);
        if (event.transactionId) ids.transactions.add(event.transactionId);
        break;
      }
      case "deposit": {
        const ids = forMerchant(event.merchantId);
        ids.deposits.add(event.id);
        for (const id of event.transactionIds) ids.transactions.add(id);
        for (const id of event.feeIds) ids.fees.add(id);
        break;
      }
    }
  }
  return byMerchant;
}

export async function loadState(tx: DbOrTx, events: readonly ProcessorEvent[]): Promise<LoadedState> {
  const byMerchant = referencedIdsByMerchant(events);
  const state: LoadedState = {
    businesses: new Map(),
    records: new Map(),
    knownEmails: new Set(),
    roles: new Map(),
  };

  const businessRows = await tx
    .select({
      id: businesses.id,
      merchantId: businesses.merchantId,
      legalName: businesses.legalName,
      country: businesses.country,
      region: businesses.region,
      currency: businesses.currency,
      timezone: businesses.timezone,
      connectionStatus: qboConnections.status,
    })
    .from(businesses)
    .leftJoin(qboConnections, eq(qboConnections.businessId, businesses.id))
    .where(inArray(businesses.merchantId, [...byMerchant.keys()]));

  for (const { connectionStatus, ...business } of businessRows) {
    state.businesses.set(business.merchantId, { ...business, connected: connectionStatus !== null && LIVE_STATUSES.includes(connectionStatus) });
  }

  for (const business of businessRows) {
    const records = emptyRecords();
    state.records.set(business.id, records);
    const ids = byMerchant.get(business.merchantId)!;

    if (ids.transactions.size) {
      const rows = await tx
        .select({
          id: cardTransactions.id,
          processorId: cardTransactions.processorId,
          kind: cardTransactions.kind,
          amountMinor: cardTransactions.amountMinor,
          depositId: cardTransactions.depositId,
          payloadHash: cardTransactions.payloadHash,
        })
        .from(cardTransactions)
        .where(and(eq(cardTransactions.businessId, business.id), isAnyOf(cardTransactions.processorId, ids.transactions)));
      for (const { processorId, ...row } of rows) records.transactions.set(processorId, row);
    }
    if (ids.fees.size) {
      const rows = await tx
        .select({ id: fees.id, processorId: fees.processorId, amountMinor: fees.amountMinor, depositId: fees.depositId, payloadHash: fees.payloadHash })
        .from(fees)
        .where(and(eq(fees.businessId, business.id), isAnyOf(fees.processorId, ids.fees)));
      for (const { processorId, ...row } of rows) records.fees.set(processorId, row);
    }
    if (ids.deposits.size) {
      const rows = await tx
        .select({ id: settlementDeposits.id, processorId: settlementDeposits.processorId, payloadHash: settlementDeposits.payloadHash })
        .from(settlementDeposits)
        .where(and(eq(settlementDeposits.businessId, business.id), isAnyOf(settlementDeposits.processorId, ids.deposits)));
      for (const { processorId, ...row } of rows) records.deposits.set(processorId, row);
    }
  }

  const ownerEmails = [...new Set(events.flatMap((e) => (e.type === "business" ? [e.ownerEmail] : [])))];
  if (ownerEmails.length) {
    const userRows = await tx.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, ownerEmails));
    const emailById = new Map(userRows.map((u) => [u.id, u.email]));
    for (const user of userRows) state.knownEmails.add(user.email);
    const businessIds = businessRows.map((b) => b.id);
    if (userRows.length && businessIds.length) {
      const roleRows = await tx
        .select({ userId: memberships.userId, businessId: memberships.businessId, role: memberships.role })
        .from(memberships)
        .where(
          and(
            inArray(memberships.businessId, businessIds),
            inArray(
              memberships.userId,
              userRows.map((u) => u.id),
            ),
          ),
        );
      for (const row of roleRows) state.roles.set(roleKey(emailById.get(row.userId)!, row.businessId), row.role);
    }
  }
  return state;
}
