/**
 * Inputs of the posting layer: processor records as the database holds them
 * (db/schema/processor.ts) and the ids the sync engine resolved in QuickBooks. Plain data only:
 * nothing here knows about Drizzle, so a row can be passed as is or picked field by field.
 */

export type TransactionKind = "sale" | "refund" | "chargeback" | "chargeback_reversal";
export type CardBrand = "visa" | "mastercard" | "amex" | "discover" | "interac" | "jcb" | "unionpay" | "other";
export type FeeKind = "processing" | "service" | "chargeback" | "monthly";

/** A calendar date, YYYY-MM-DD (a `date` column as Drizzle returns it in string mode). */
export type IsoDate = string;

/** A row of card_transactions (only what posting needs). */
export interface CardTransaction {
  processorId: string;
  kind: TransactionKind;
  /** Positive minor units: what the card was charged or credited, tax and tip included. */
  amountMinor: number;
  /** Tax included in amountMinor, when the processor reported it. */
  taxMinor: number | null;
  /** Tip included in amountMinor, when reported; never taxed. */
  tipMinor: number | null;
  cardBrand: CardBrand;
  /** Exactly four digits: the only card data that ever reaches QuickBooks (with the brand). */
  last4: string;
  businessDate: IsoDate;
  /**
   * The sale a refund, chargeback or reversal goes back to, when known: without a taxMinor of its
   * own, such a record takes its tax pro rata from the original's (what the customer really paid),
   * not from the mapped code's rate.
   */
  original?: Pick<CardTransaction, "amountMinor" | "taxMinor" | "tipMinor"> | null;
}

/** A row of fees. */
export interface Fee {
  processorId: string;
  kind: FeeKind;
  /** Positive minor units debited from the merchant. */
  amountMinor: number;
  businessDate: IsoDate;
}

/** A row of settlement_deposits. */
interface SettlementDeposit {
  processorId: string;
  /** Signed net paid to the bank (negative: the processor debited the bank). */
  amountMinor: number;
  depositDate: IsoDate;
}

/**
 * How a transaction settled by a deposit stands in QuickBooks, decided by the sync engine:
 * - posted: its receipt exists (QuickBooks id known) and sits in Undeposited Funds → linked line;
 * - before_connection / paused: never posted (dated before the connection day or inside a
 *   pause) → a direct line to the mapped revenue account, so the deposit still ties to the bank;
 * - resolved: the owner entered it by hand in QuickBooks (into Undeposited Funds) → a direct line
 *   from Undeposited Funds, which clears the hand-entered receipt's money.
 */
type SettledTransactionPosting =
  | { status: "posted"; qboTxnId: string }
  | { status: "before_connection" }
  | { status: "paused" }
  | { status: "resolved" };

export interface SettledTransaction {
  transaction: Pick<CardTransaction, "processorId" | "kind" | "amountMinor">;
  posting: SettledTransactionPosting;
}

/** Everything a settlement deposit settles, in the order the lines should appear. */
export interface Settlement {
  deposit: SettlementDeposit;
  transactions: readonly SettledTransaction[];
  fees: readonly Pick<Fee, "processorId" | "kind" | "amountMinor">[];
}

/** The ledger choices of the mapping version in force for the record's date (qbo_mapping_versions). */
export interface MappingIds {
  bankAccountId: string;
  revenueAccountId: string;
  expenseAccountId: string;
  customerId: string;
  taxCodeId: string;
}

/** One rate of the mapped tax code (e.g. GST 5 and QST 9.975 for Quebec). */
export interface TaxRateComponent {
  /** QuickBooks TaxRate id, for TxnTaxDetail.TaxLine (non-US companies). */
  taxRateId: string;
  percent: number;
}

export interface TaxRateInfo {
  /**
   * Combined percent of the mapped tax code: 13 for Ontario HST, 14.975 for Quebec GST+QST,
   * 8.875 for New York City, 0 for an exempt code. At most 6 decimals.
   */
  percent: number;
  /** Its rates; their percents must add up to `percent`. Used for non-US TaxLines. */
  components?: readonly TaxRateComponent[];
}

/**
 * What the sync engine resolved in QuickBooks before building documents. The builders never
 * look anything up: every id they write comes from here.
 */
export interface PostingContext {
  company: {
    /** US sales tax model: TAX/NON on lines and a transaction tax code; tax-exclusive amounts. */
    usesUsSalesTax: boolean;
    /** US Automated Sales Tax: QuickBooks replaces the transaction tax code with its own. */
    automatedSalesTax: boolean;
  };
  mapping: MappingIds;
  /** The Service item whose income account is mapping.revenueAccountId. */
  serviceItemId: string;
  /** PaymentMethod id per card brand (created once by the engine). */
  paymentMethodIds: Partial<Record<CardBrand, string>>;
  undepositedFundsAccountId: string;
  /** The mapped tax code's rate(s), used when the processor did not report the tax. */
  taxRate: TaxRateInfo;
}
