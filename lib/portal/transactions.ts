import { and, eq, gte, lt, lte, sql, type SQL } from "drizzle-orm";
import { unionAll } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { cardTransactions, settlementDeposits, type transactionKindEnum } from "@/db/schema";
import { decodeCursor, encodeCursor, exactTimestamp } from "./keyset-cursor";
import { TRANSACTION_KINDS, type TransactionKind } from "./transaction-kinds";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./transaction-query";

// TRANSACTION_KINDS is a plain list for client bundles; it must name exactly the database's kinds.
type DatabaseKind = (typeof transactionKindEnum.enumValues)[number];
true satisfies [DatabaseKind] extends [TransactionKind] ? ([TransactionKind] extends [DatabaseKind] ? true : false) : false;

interface TransactionFilters {
  /** Business dates, YYYY-MM-DD, both inclusive. */
  from?: string;
  to?: string;
  /** Empty or absent: every kind. */
  kinds?: readonly TransactionKind[];
}

export interface TransactionListOptions extends TransactionFilters {
  cursor?: string;
  limit?: number;
}

export interface TransactionRow {
  id: string;
  processorId: string;
  kind: TransactionKind;
  /** Positive, as stored; see signedAmountMinor for display. */
  amountMinor: number;
  currency: "CAD" | "USD";
  cardBrand: string;
  last4: string;
  /** ISO 8601 in UTC. */
  occurredAt: string;
  businessDate: string;
  /** The settlement deposit that paid this transaction out; null until it is settled. */
  deposit: { id: string; processorId: string; depositDate: string } | null;
}

export interface TransactionPage {
  rows: TransactionRow[];
  /** Null on the last page. */
  nextCursor: string | null;
}

const cursorSchema = z.object({ occurredAt: exactTimestamp, id: z.guid() }).strict();

const DAY_MS = 24 * 60 * 60 * 1000;

/** YYYY-MM-DD plus n days, as a UTC midnight instant. */
function utcMidnight(date: string, plusDays: number): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) + plusDays * DAY_MS);
}

/**
 * The columns of a page row. The deposit's id and processor id are aliased because a UNION's
 * result columns are addressed by name, and the transaction's own id and processor_id already
 * take those names.
 */
/**
 * Newest first, in the exact order of the keyset indexes, which drizzle-kit created as
 * "DESC NULLS LAST". A plain DESC means NULLS FIRST, and PostgreSQL then cannot read the index in
 * order (the columns being NOT NULL does not change that): it sorts the whole business instead.
 */
const newestFirst = () => [sql`${cardTransactions.occurredAt} desc nulls last`, sql`${cardTransactions.id} desc nulls last`];

const rowColumns = {
  id: cardTransactions.id,
  processorId: cardTransactions.processorId,
  kind: cardTransactions.kind,
  amountMinor: cardTransactions.amountMinor,
  currency: cardTransactions.currency,
  cardBrand: cardTransactions.cardBrand,
  last4: cardTransactions.last4,
  occurredAt: cardTransactions.occurredAt,
  occurredAtExact: sql<string>`to_char(${cardTransactions.occurredAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as(
    "occurred_at_exact",
  ),
  businessDate: cardTransactions.businessDate,
  depositId: sql<string | null>`${settlementDeposits.id}`.as("deposit_id_"),
  depositProcessorId: sql<string | null>`${settlementDeposits.processorId}`.as("deposit_processor_id"),
  depositDate: settlementDeposits.depositDate,
};

/**
 * One page of the business's card transactions, newest first by (occurred_at, id), with keyset
 * pagination: the cursor is the sort key of the last row, so a page costs the same at row 10 as at
 * row 1,000,000 and rows arriving meanwhile never shift a page.
 *
 * Index use (see transactions.test.ts, "query plans"):
 * - no kind filter, or every kind: card_transactions_business_occurred, read in order, stopping
 *   after limit + 1 rows;
 * - a subset of kinds: one branch per kind on card_transactions_business_kind_occurred, each
 *   limited, merged by a UNION ALL — so a rare kind (chargebacks) never scans the busy ones;
 * - a date range: business_date is exact, and it also bounds occurred_at (a calendar day in any
 *   time zone lies within UTC−14h…UTC+14h of that day in UTC) so the range is an index range.
 *
 * @throws InvalidCursorError when the cursor was not made by this function.
 */
export async function listTransactions(db: DbOrTx, businessId: string, options: TransactionListOptions = {}): Promise<TransactionPage> {
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? DEFAULT_PAGE_SIZE), 1), MAX_PAGE_SIZE);
  const after = options.cursor ? decodeCursor(cursorSchema, options.cursor) : undefined;

  const conditions: SQL[] = [eq(cardTransactions.businessId, businessId)];
  if (options.from) {
    conditions.push(gte(cardTransactions.businessDate, options.from), gte(cardTransactions.occurredAt, utcMidnight(options.from, -1)));
  }
  if (options.to) {
    conditions.push(lte(cardTransactions.businessDate, options.to), lt(cardTransactions.occurredAt, utcMidnight(options.to, 2)));
  }
  if (after) {
    // A row comparison, which PostgreSQL turns into one index bound on (occurred_at, id).
    conditions.push(sql`(${cardTransactions.occurredAt}, ${cardTransactions.id}) < (${after.occurredAt}::timestamptz, ${after.id}::uuid)`);
  }

  // One more row than asked tells whether there is a next page without counting.
  const pageOf = (extra?: SQL) =>
    db
      .select(rowColumns)
      .from(cardTransactions)
      .leftJoin(
        settlementDeposits,
        and(eq(settlementDeposits.id, cardTransactions.depositId), eq(settlementDeposits.businessId, cardTransactions.businessId)),
      )
      .where(and(...conditions, extra))
      .orderBy(...newestFirst())
      .limit(limit + 1);

  const kinds = [...new Set(options.kinds ?? [])];
  const allKinds = kinds.length === 0 || kinds.length === TRANSACTION_KINDS.length;
  let rows;
  if (allKinds) {
    rows = await pageOf();
  } else if (kinds.length === 1) {
    rows = await pageOf(eq(cardTransactions.kind, kinds[0]));
  } else {
    const [first, second, ...rest] = kinds.map((kind) => pageOf(eq(cardTransactions.kind, kind)));
    rows = await unionAll(first, second, ...rest)
      .orderBy(...newestFirst())
      .limit(limit + 1);
  }

  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    rows: page.map(
      (row): TransactionRow => ({
        id: row.id,
        processorId: row.processorId,
        kind: row.kind,
        amountMinor: row.amountMinor,
        currency: row.currency,
        cardBrand: row.cardBrand,
        last4: row.last4,
        occurredAt: new Date(row.occurredAt).toISOString(),
        businessDate: row.businessDate,
        deposit:
          row.depositId && row.depositProcessorId && row.depositDate
            ? { id: row.depositId, processorId: row.depositProcessorId, depositDate: row.depositDate }
            : null,
      }),
    ),
    nextCursor: rows.length > limit && last ? encodeCursor({ occurredAt: last.occurredAtExact, id: last.id }) : null,
  };
}
