import { sql } from "drizzle-orm";
import {
  bigint,
  char,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import { businesses, currencyEnum } from "./tenancy";

export const transactionKindEnum = pgEnum("transaction_kind", ["sale", "refund", "chargeback", "chargeback_reversal"]);
export const cardBrandEnum = pgEnum("card_brand", ["visa", "mastercard", "amex", "discover", "interac", "jcb", "unionpay", "other"]);
export const feeKindEnum = pgEnum("fee_kind", ["processing", "service", "chargeback", "monthly"]);

/** Money is integer minor units everywhere; bigint so a large merchant's totals never overflow. */
const money = (name: string) => bigint(name, { mode: "number" });

/** Settlement deposits: what the processor paid to (or, when net is negative, took from) the merchant's bank. */
export const settlementDeposits = pgTable(
  "settlement_deposits",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    businessId: uuid("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "cascade" }),
    processorId: text("processor_id").notNull(),
    depositDate: date("deposit_date").notNull(),
    /** Net paid to the bank: sales − refunds − chargebacks + reversals − fees of the settled items. */
    amountMinor: money("amount_minor").notNull(),
    currency: currencyEnum("currency").notNull(),
    bankLast4: char("bank_last4", { length: 4 }).notNull(),
    // Breakdown of the settled items, fixed at ingest (a deposit's list never changes).
    salesMinor: money("sales_minor").notNull(),
    refundsMinor: money("refunds_minor").notNull(),
    chargebacksMinor: money("chargebacks_minor").notNull(),
    reversalsMinor: money("reversals_minor").notNull(),
    feesMinor: money("fees_minor").notNull(),
    payloadHash: text("payload_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("settlement_deposits_business_processor_id").on(t.businessId, t.processorId),
    index("settlement_deposits_business_date").on(t.businessId, t.depositDate, t.id),
  ],
);

export const cardTransactions = pgTable(
  "card_transactions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    businessId: uuid("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "cascade" }),
    processorId: text("processor_id").notNull(),
    kind: transactionKindEnum("kind").notNull(),
    /** Positive; the kind gives the direction. */
    amountMinor: money("amount_minor").notNull(),
    currency: currencyEnum("currency").notNull(),
    cardBrand: cardBrandEnum("card_brand").notNull(),
    last4: char("last4", { length: 4 }).notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    /** The calendar day in the business's timezone: what "a business day" means everywhere. */
    businessDate: date("business_date").notNull(),
    originalTransactionId: uuid("original_transaction_id").references((): AnyPgColumn => cardTransactions.id),
    taxMinor: money("tax_minor"),
    tipMinor: money("tip_minor"),
    depositId: uuid("deposit_id").references(() => settlementDeposits.id),
    payloadHash: text("payload_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("card_transactions_business_processor_id").on(t.businessId, t.processorId),
    // Keyset pagination of the Transactions page, newest first, with and without a kind filter.
    index("card_transactions_business_occurred").on(t.businessId, t.occurredAt.desc(), t.id.desc()),
    index("card_transactions_business_kind_occurred").on(t.businessId, t.kind, t.occurredAt.desc(), t.id.desc()),
    // A deposit's items in order, keyset-paged; the migration adds INCLUDE (kind, amount_minor) so its
    // totals are one index-only aggregate.
    index("card_transactions_deposit").on(t.depositId, t.occurredAt, t.id).where(sql`${t.depositId} is not null`),
    index("card_transactions_business_date").on(t.businessId, t.businessDate),
  ],
);

export const fees = pgTable(
  "fees",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    businessId: uuid("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "cascade" }),
    processorId: text("processor_id").notNull(),
    kind: feeKindEnum("kind").notNull(),
    amountMinor: money("amount_minor").notNull(),
    currency: currencyEnum("currency").notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    businessDate: date("business_date").notNull(),
    transactionId: uuid("transaction_id").references(() => cardTransactions.id),
    /** Null: debited from the bank on its own on its date (monthly fees usually are). */
    depositId: uuid("deposit_id").references(() => settlementDeposits.id),
    payloadHash: text("payload_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("fees_business_processor_id").on(t.businessId, t.processorId),
    // As card_transactions_deposit (the migration adds INCLUDE (amount_minor)).
    index("fees_deposit").on(t.depositId, t.occurredAt, t.id).where(sql`${t.depositId} is not null`),
    index("fees_business_date").on(t.businessId, t.businessDate),
  ],
);

/**
 * Per business day totals of the processor records, kept as records arrive (statement triggers on
 * card_transactions, fees and settlement_deposits: see the migration "day_totals"), so the day
 * ledger reads one small row per day instead of aggregating every record of its 31 days.
 */
export const businessDayTotals = pgTable(
  "business_day_totals",
  {
    businessId: uuid("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "cascade" }),
    businessDate: date("business_date").notNull(),
    saleCount: integer("sale_count").notNull().default(0),
    saleMinor: money("sale_minor").notNull().default(0),
    refundCount: integer("refund_count").notNull().default(0),
    refundMinor: money("refund_minor").notNull().default(0),
    chargebackCount: integer("chargeback_count").notNull().default(0),
    chargebackMinor: money("chargeback_minor").notNull().default(0),
    reversalCount: integer("reversal_count").notNull().default(0),
    reversalMinor: money("reversal_minor").notNull().default(0),
    feeCount: integer("fee_count").notNull().default(0),
    feeMinor: money("fee_minor").notNull().default(0),
    /** Fees of the day no deposit lists (yet): each is a document of its own. */
    unsettledFeeCount: integer("unsettled_fee_count").notNull().default(0),
    depositCount: integer("deposit_count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.businessId, t.businessDate] })],
);
