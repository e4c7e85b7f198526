import { aliasedTable, and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { cardTransactions, fees, settlementDeposits } from "@/db/schema";
import { decodeCursor, encodeCursor } from "./keyset-cursor";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./transaction-query";
import type { TransactionKind } from "./transaction-kinds";
import type { DepositBreakdown } from "./deposit-totals";

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

export interface DepositWithItems {
  deposit: DepositRow;
  transactions: DepositTransaction[];
  fees: DepositFee[];
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
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? DEFAULT_PAGE_SIZE), 1), MAX_PAGE_SIZE);
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

/**
 * A deposit of this business with every transaction and fee it settled, or null when the id is
 * not a deposit of this business (another tenant's deposit is indistinguishable from none).
 */
export async function getDepositWithItems(db: DbOrTx, businessId: string, depositId: string): Promise<DepositWithItems | null> {
  // Ids come from URLs: a malformed one is simply not found, never a database cast error.
  if (!z.guid().safeParse(depositId).success) return null;
  const [deposit] = await db
    .select(depositColumns)
    .from(settlementDeposits)
    .where(and(eq(settlementDeposits.id, depositId), eq(settlementDeposits.businessId, businessId)));
  if (!deposit) return null;

  const [transactions, depositFees] = await Promise.all([
    db
      .select({
        id: cardTransactions.id,
        processorId: cardTransactions.processorId,
        kind: cardTransactions.kind,
        amountMinor: cardTransactions.amountMinor,
        cardBrand: cardTransactions.cardBrand,
        last4: cardTransactions.last4,
        occurredAt: cardTransactions.occurredAt,
        businessDate: cardTransactions.businessDate,
      })
      .from(cardTransactions)
      .where(and(eq(cardTransactions.depositId, deposit.id), eq(cardTransactions.businessId, businessId)))
      .orderBy(asc(cardTransactions.occurredAt), asc(cardTransactions.id)),
    db
      .select({
        id: fees.id,
        processorId: fees.processorId,
        kind: fees.kind,
        amountMinor: fees.amountMinor,
        businessDate: fees.businessDate,
        transactionProcessorId: originalTransaction.processorId,
      })
      .from(fees)
      .leftJoin(
        originalTransaction,
        and(eq(originalTransaction.id, fees.transactionId), eq(originalTransaction.businessId, fees.businessId)),
      )
      .where(and(eq(fees.depositId, deposit.id), eq(fees.businessId, businessId)))
      .orderBy(asc(fees.occurredAt), asc(fees.id)),
  ]);

  return {
    deposit,
    transactions: transactions.map((t) => ({ ...t, occurredAt: t.occurredAt.toISOString() })),
    fees: depositFees,
  };
}
