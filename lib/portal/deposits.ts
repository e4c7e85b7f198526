import { aliasedTable, and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { cardTransactions, fees, settlementDeposits } from "@/db/schema";
import { decodeCursor, encodeCursor, exactTimestamp } from "./keyset-cursor";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./transaction-query";
import type { TransactionKind } from "./transaction-kinds";
import { breakdownOfKinds, type DepositBreakdown } from "./deposit-totals";

export interface DepositRow extends DepositBreakdown {
  id: string;
  processorId: string;
  depositDate: string;
  bankLast4: string;
  currency: "CAD" | "USD";
}

export interface DepositPage {
  rows: DepositRow[];
  nextCursor: string | null;
}

export interface DepositTransaction {
  id: string;
  processorId: string;
  kind: TransactionKind;
  amountMinor: number;
  cardBrand: string;
  last4: string;
  /** ISO 8601 in UTC. */
  occurredAt: string;
  businessDate: string;
}

export interface DepositFee {
  id: string;
  processorId: string;
  kind: "processing" | "service" | "chargeback" | "monthly";
  amountMinor: number;
  businessDate: string;
  /** The processor id of the transaction the fee was charged on, when there is one. */
  transactionProcessorId: string | null;
}

export interface DepositItemPage<T> {
  rows: T[];
  /** Null on the last page. */
  nextCursor: string | null;
}

/** What a deposit's items add up to, and how many there are: the drill-down's totals. */
export interface DepositItemTotals extends DepositBreakdown {
  transactionCount: number;
  feeCount: number;
}

const cursorSchema = z.object({ depositDate: z.iso.date(), id: z.guid() }).strict();

const depositColumns = {
  id: settlementDeposits.id,
  processorId: settlementDeposits.processorId,
  depositDate: settlementDeposits.depositDate,
  bankLast4: settlementDeposits.bankLast4,
  currency: settlementDeposits.currency,
  salesMinor: settlementDeposits.salesMinor,
  refundsMinor: settlementDeposits.refundsMinor,
  chargebacksMinor: settlementDeposits.chargebacksMinor,
  reversalsMinor: settlementDeposits.reversalsMinor,
  feesMinor: settlementDeposits.feesMinor,
  netMinor: settlementDeposits.amountMinor,
};

/**
 * One page of the business's settlement deposits, newest first by (deposit_date, id), keyset
 * paginated. The breakdown was fixed at ingest, so the list reads one row per deposit and sums
 * nothing; settlement_deposits_business_date serves the order by reading backwards.
 *
 * @throws InvalidCursorError when the cursor was not made by this function.
 */
export async function listDeposits(db: DbOrTx, businessId: string, options: { cursor?: string; limit?: number } = {}): Promise<DepositPage> {
  const limit = pageLimit(options.limit);
  const after = options.cursor ? decodeCursor(cursorSchema, options.cursor) : undefined;
  const conditions: SQL[] = [eq(settlementDeposits.businessId, businessId)];
  if (after) {
    conditions.push(sql`(${settlementDeposits.depositDate}, ${settlementDeposits.id}) < (${after.depositDate}::date, ${after.id}::uuid)`);
  }
  const rows = await db
    .select(depositColumns)
    .from(settlementDeposits)
    .where(and(...conditions))
    .orderBy(desc(settlementDeposits.depositDate), desc(settlementDeposits.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    rows: page,
    nextCursor: rows.length > limit && last ? encodeCursor({ depositDate: last.depositDate, id: last.id }) : null,
  };
}

const originalTransaction = aliasedTable(cardTransactions, "fee_transaction");

/** A deposit's items are paged oldest first by (occurred_at, id): the order of the deposit indexes. */
const itemCursorSchema = z.object({ occurredAt: exactTimestamp, id: z.guid() }).strict();

const exactOccurredAt = (column: typeof cardTransactions.occurredAt | typeof fees.occurredAt) =>
  sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

function pageLimit(limit: number | undefined): number {
  return Math.min(Math.max(Math.trunc(limit ?? DEFAULT_PAGE_SIZE), 1), MAX_PAGE_SIZE);
}

/** A deposit's items (transactions or fees) of this business, after the cursor's (occurred_at, id) when there is one. */
function depositItemsAfter(items: typeof cardTransactions | typeof fees, businessId: string, depositId: string, after: z.infer<typeof itemCursorSchema> | undefined) {
  return and(
    eq(items.depositId, depositId),
    eq(items.businessId, businessId),
    after ? sql`(${items.occurredAt}, ${items.id}) > (${after.occurredAt}::timestamptz, ${after.id}::uuid)` : undefined,
  );
}

function itemPage<T extends { id: string; occurredAtExact: string }, R>(rows: T[], limit: number, toRow: (row: T) => R): DepositItemPage<R> {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page.map(toRow), nextCursor: rows.length > limit && last ? encodeCursor({ occurredAt: last.occurredAtExact, id: last.id }) : null };
}

/**
 * A deposit of this business, or null when the id is not a deposit of this business (another
 * tenant's deposit is indistinguishable from none).
 */
export async function getDeposit(db: DbOrTx, businessId: string, depositId: string): Promise<DepositRow | null> {
  // Ids come from URLs: a malformed one is simply not found, never a database cast error.
  if (!z.guid().safeParse(depositId).success) return null;
  const [deposit] = await db
    .select(depositColumns)
    .from(settlementDeposits)
    .where(and(eq(settlementDeposits.id, depositId), eq(settlementDeposits.businessId, businessId)));
  return deposit ?? null;
}

/**
 * What the deposit's items add up to, in ONE aggregate statement over both item tables. Each
 * branch is an index-only scan of the deposit's entries in card_transactions_deposit / fees_deposit
 * (which INCLUDE kind and amount), so it reads the deposit's items and nothing else.
 */
export async function depositItemTotals(db: DbOrTx, businessId: string, depositId: string): Promise<DepositItemTotals> {
  const rows = await db.execute<{ kind: string; n: number; amount: string | number }>(sql`
    select kind::text as kind, count(*)::int as n, coalesce(sum(amount_minor), 0)::bigint as amount
    from card_transactions where deposit_id = ${depositId}::uuid and business_id = ${businessId}::uuid group by kind
    union all
    select 'fee', count(*)::int, coalesce(sum(amount_minor), 0)::bigint
    from fees where deposit_id = ${depositId}::uuid and business_id = ${businessId}::uuid`);
  const byKind = new Map(rows.map((r) => [r.kind, { n: Number(r.n), amount: Number(r.amount) }]));
  const amount = (kind: string) => byKind.get(kind)?.amount ?? 0;
  const totals = breakdownOfKinds({
    sale: amount("sale"),
    refund: amount("refund"),
    chargeback: amount("chargeback"),
    chargeback_reversal: amount("chargeback_reversal"),
    fees: amount("fee"),
  });
  const transactionCount = rows.filter((r) => r.kind !== "fee").reduce((sum, r) => sum + Number(r.n), 0);
  return { ...totals, transactionCount, feeCount: byKind.get("fee")?.n ?? 0 };
}

/**
 * One page of the card transactions a deposit settled, oldest first by (occurred_at, id), keyset
 * paginated on card_transactions_deposit: a page reads its own rows, however large the deposit.
 *
 * @throws InvalidCursorError when the cursor was not made by this function.
 */
export async function listDepositTransactions(
  db: DbOrTx,
  businessId: string,
  depositId: string,
  options: { cursor?: string; limit?: number } = {},
): Promise<DepositItemPage<DepositTransaction>> {
  const limit = pageLimit(options.limit);
  const after = options.cursor ? decodeCursor(itemCursorSchema, options.cursor) : undefined;
  const rows = await db
    .select({
      id: cardTransactions.id,
      processorId: cardTransactions.processorId,
      kind: cardTransactions.kind,
      amountMinor: cardTransactions.amountMinor,
      cardBrand: cardTransactions.cardBrand,
      last4: cardTransactions.last4,
      occurredAt: cardTransactions.occurredAt,
      occurredAtExact: exactOccurredAt(cardTransactions.occurredAt),
      businessDate: cardTransactions.businessDate,
    })
    .from(cardTransactions)
    .where(depositItemsAfter(cardTransactions, businessId, depositId, after))
    .orderBy(asc(cardTransactions.occurredAt), asc(cardTransactions.id))
    .limit(limit + 1);
  return itemPage(rows, limit, ({ occurredAtExact: _exact, ...t }) => ({ ...t, occurredAt: t.occurredAt.toISOString() }));
}

/**
 * One page of the fees a deposit deducted, oldest first by (occurred_at, id), keyset paginated on
 * fees_deposit, each with the processor id of the transaction it was charged on.
 *
 * @throws InvalidCursorError when the cursor was not made by this function.
 */
export async function listDepositFees(
  db: DbOrTx,
  businessId: string,
  depositId: string,
  options: { cursor?: string; limit?: number } = {},
): Promise<DepositItemPage<DepositFee>> {
  const limit = pageLimit(options.limit);
  const after = options.cursor ? decodeCursor(itemCursorSchema, options.cursor) : undefined;
  const rows = await db
    .select({
      id: fees.id,
      processorId: fees.processorId,
      kind: fees.kind,
      amountMinor: fees.amountMinor,
      businessDate: fees.businessDate,
      occurredAtExact: exactOccurredAt(fees.occurredAt),
      transactionProcessorId: originalTransaction.processorId,
    })
    .from(fees)
    .leftJoin(originalTransaction, and(eq(originalTransaction.id, fees.transactionId), eq(originalTransaction.businessId, fees.businessId)))
    .where(depositItemsAfter(fees, businessId, depositId, after))
    .orderBy(asc(fees.occurredAt), asc(fees.id))
    .limit(limit + 1);
  return itemPage(rows, limit, ({ occurredAtExact: _exact, ...f }) => f);
}
