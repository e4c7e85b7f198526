/**
 * The QuickBooks Online v3 request bodies this layer produces: only the elements Intuit's
 * schema (shared/reference/intuit-xsd/Finance.xsd) defines for each entity, with its
 * enumerations as string unions. Amounts are JSON numbers built by money.toQboAmount.
 */

interface QboRef {
  value: string;
  name?: string;
}

type GlobalTaxCalculation = "TaxInclusive" | "TaxExcluded" | "NotApplicable";
type PostingType = "Debit" | "Credit";
type PaymentType = "Cash" | "Check" | "CreditCard" | "Expense" | "Other";

export interface QboSalesItemLine {
  DetailType: "SalesItemLineDetail";
  Amount: number;
  Description?: string;
  SalesItemLineDetail: {
    ItemRef: QboRef;
    Qty: number;
    UnitPrice: number;
    TaxCodeRef?: QboRef;
    /** Non-US: the line's amount including its tax (Amount itself is net of tax). */
    TaxInclusiveAmt?: number;
  };
}

export interface QboTaxLine {
  DetailType: "TaxLineDetail";
  Amount: number;
  TaxLineDetail: {
    TaxRateRef: QboRef;
    PercentBased: boolean;
    TaxPercent: number;
    NetAmountTaxable: number;
  };
}

export interface QboTxnTaxDetail {
  TxnTaxCodeRef?: QboRef;
  TotalTax: number;
  TaxLine?: QboTaxLine[];
  /** US AST only: false lets the supplied tax stand when the company allows partner overrides. */
  UseAutomatedSalesTax?: boolean;
}

interface QboSalesTransactionBase {
  DocNumber: string;
  TxnDate: string;
  PrivateNote: string;
  CustomerRef: QboRef;
  PaymentMethodRef: QboRef;
  DepositToAccountRef: QboRef;
  GlobalTaxCalculation?: GlobalTaxCalculation;
  Line: QboSalesItemLine[];
  TxnTaxDetail: QboTxnTaxDetail;
}

export type QboSalesReceipt = QboSalesTransactionBase;
export type QboRefundReceipt = QboSalesTransactionBase;

interface QboLinkedTxn {
  TxnId: string;
  TxnType: "SalesReceipt" | "RefundReceipt";
  TxnLineId: string;
}

/** A deposit line that moves a receipt out of Undeposited Funds: no DetailType. */
interface QboDepositLinkedLine {
  Amount: number;
  LinkedTxn: [QboLinkedTxn];
}

interface QboDepositDirectLine {
  DetailType: "DepositLineDetail";
  Amount: number;
  Description: string;
  DepositLineDetail: { AccountRef: QboRef };
}

export type QboDepositLine = QboDepositLinkedLine | QboDepositDirectLine;

export interface QboDeposit {
  DocNumber: string;
  TxnDate: string;
  PrivateNote: string;
  DepositToAccountRef: QboRef;
  GlobalTaxCalculation?: GlobalTaxCalculation;
  Line: QboDepositLine[];
}

export interface QboJournalEntryLine {
  DetailType: "JournalEntryLineDetail";
  Amount: number;
  Description: string;
  JournalEntryLineDetail: { PostingType: PostingType; AccountRef: QboRef };
}

export interface QboJournalEntry {
  DocNumber: string;
  TxnDate: string;
  PrivateNote: string;
  GlobalTaxCalculation?: GlobalTaxCalculation;
  Line: QboJournalEntryLine[];
}

interface QboPurchaseLine {
  DetailType: "AccountBasedExpenseLineDetail";
  Amount: number;
  Description: string;
  AccountBasedExpenseLineDetail: { AccountRef: QboRef };
}

export interface QboPurchase {
  DocNumber: string;
  TxnDate: string;
  PrivateNote: string;
  AccountRef: QboRef;
  PaymentType: PaymentType;
  GlobalTaxCalculation?: GlobalTaxCalculation;
  Line: QboPurchaseLine[];
}

/** A built document with the entity name the engine POSTs it to (/v3/company/{realm}/{entity}). */
export type PostingDocument =
  | { entity: "SalesReceipt"; body: QboSalesReceipt }
  | { entity: "RefundReceipt"; body: QboRefundReceipt }
  | { entity: "Deposit"; body: QboDeposit }
  | { entity: "JournalEntry"; body: QboJournalEntry }
  | { entity: "Purchase"; body: QboPurchase };
