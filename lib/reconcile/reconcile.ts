/**
 * A month of the processor's statement beside what QuickBooks holds, with every difference and
 * its cause. Pure: the records (with how each stands in the sync) and the amounts read back from
 * QuickBooks come in; the statement goes out. A difference is "explained" when the record's own
 * standing accounts for it (never sent: failed, resolved by hand, paused, before the connection,
 * not sent yet, its deposit waiting); whatever is left in a total is "unexplained".
 */
import { directionOf } from "@/lib/accounting/settlement-items";
import type { FeeKind, TransactionKind } from "@/lib/accounting/types";

/** How a record stands in the sync (sync_items.status; null: no item yet). */
export type ItemStatus = "pending" | "posted" | "failed" | "ready_to_sync" | "resolved" | "skipped_paused" | "before_connection" | null;

export interface MonthTransaction {
  processorId: string;
  kind: TransactionKind;
  businessDate: string;
  amountMinor: number;
  taxMinor: number | null;
  status: ItemStatus;
  /** Read back from QuickBooks (the receipt Settlebooks posted), null when not found. */
  quickbooks: { totalMinor: number; taxMinor: number } | null;
  faultMessage: string | null;
}

export interface MonthFee {
  processorId: string;
  kind: FeeKind;
  businessDate: string;
  amountMinor: number;
  /** The fee's own item (standalone fee) or its deposit's item (fee inside a deposit). */
  status: ItemStatus;
  inDeposit: string | null;
  quickbooksMinor: number | null;
  faultMessage: string | null;
}

export interface MonthDeposit {
  processorId: string;
  depositDate: string;
  amountMinor: number;
  status: ItemStatus;
  quickbooksMinor: number | null;
  faultMessage: string | null;
  /** Receipts it settles already in QuickBooks (in Undeposited Funds), signed; only matters when it is kept out. */
  postedReceiptsMinor: number;
  /** Every receipt it settles is posted (or resolved): sending it would only clear what is already there. */
  settlesOnlyPostedReceipts: boolean;
}

export type TotalKey =
  | "sales"
  | "refunds"
  | "chargebacks"
  | "chargeback_reversals"
  | `fees_${FeeKind}`
  | "tax"
  | "deposits"
  | "net";

const TOTAL_KEYS: readonly TotalKey[] = [
  "sales",
  "refunds",
  "chargebacks",
  "chargeback_reversals",
  "fees_processing",
  "fees_service",
  "fees_chargeback",
  "fees_monthly",
  "tax",
  "deposits",
  "net",
];

type Cause = "failed" | "resolved" | "paused" | "before_connection" | "not_sent_yet" | "deposit_waiting" | "tax_from_rate";

interface TotalRow {
  key: TotalKey;
  processorMinor: number;
  quickbooksMinor: number;
  differenceMinor: number;
}

export interface DifferenceRow {
  total: TotalKey;
  /** The processor's id of the record, or for tax_from_rate the number of receipts. */
  item: string;
  date: string | null;
  processorMinor: number;
  quickbooksMinor: number;
  differenceMinor: number;
  cause: Cause;
  detail: string | null;
}

export interface PausedDepositRow {
  processorId: string;
  depositDate: string;
  amountMinor: number;
  leftInUndepositedFundsMinor: number;
  canBeSent: boolean;
}

interface UnexplainedRow {
  total: TotalKey;
  differenceMinor: number;
}

export interface MonthReconciliation {
  month: string;
  totals: TotalRow[];
  differences: DifferenceRow[];
  pausedDeposits: PausedDepositRow[];
  unexplained: UnexplainedRow[];
}

const KIND_TOTAL: Record<TransactionKind, TotalKey> = {
  sale: "sales",
  refund: "refunds",
  chargeback: "chargebacks",
  chargeback_reversal: "chargeback_reversals",
};

/** Why a record that is not in QuickBooks is not there; null when it should be (then any gap is unexplained). */
function causeOf(status: ItemStatus, forFeeInDeposit = false): Cause | null {
  switch (status) {
    case "posted":
      return null;
    case "failed":
      return "failed";
    case "resolved":
      return "resolved";
    case "skipped_paused":
      return "paused";
    case "before_connection":
      return "before_connection";
    default:
      return forFeeInDeposit ? "deposit_waiting" : "not_sent_yet";
  }
}

export function reconcileMonth(input: { month: string; transactions: MonthTransaction[]; fees: MonthFee[]; deposits: MonthDeposit[] }): MonthReconciliation {
  const sums = new Map<TotalKey, { processor: number; quickbooks: number }>(TOTAL_KEYS.map((k) => [k, { processor: 0, quickbooks: 0 }]));
  const addTo = (key: TotalKey, processor: number, quickbooks: number) => {
    const s = sums.get(key)!;
    s.processor += processor;
    s.quickbooks += quickbooks;
  };
  const differences: DifferenceRow[] = [];
  const explain = (row: Omit<DifferenceRow, "differenceMinor">) => {
    const differenceMinor = row.processorMinor - row.quickbooksMinor;
    if (differenceMinor !== 0) differences.push({ ...row, differenceMinor });
  };

  const taxFromRate = { count: 0, quickbooksMinor: 0 };
  for (const t of input.transactions) {
    const key = KIND_TOTAL[t.kind];
    const qbTotal = t.quickbooks?.totalMinor ?? 0;
    const qbTax = t.quickbooks?.taxMinor ?? 0;
    addTo(key, t.amountMinor, qbTotal);
    const sign = directionOf(t.kind);
    addTo("tax", sign * (t.taxMinor ?? 0), sign * qbTax);
    const cause = t.quickbooks ? null : causeOf(t.status);
    if (cause) {
      explain({ total: key, item: t.processorId, date: t.businessDate, processorMinor: t.amountMinor, quickbooksMinor: 0, cause, detail: t.faultMessage });
      if (t.taxMinor) explain({ total: "tax", item: t.processorId, date: t.businessDate, processorMinor: sign * t.taxMinor, quickbooksMinor: 0, cause, detail: t.faultMessage });
    }
    if (t.taxMinor === null && t.quickbooks) {
      // The processor did not say what tax it charged: QuickBooks holds the tax computed from the rate.
      taxFromRate.count += 1;
      taxFromRate.quickbooksMinor += sign * qbTax;
    }
  }
  if (taxFromRate.count > 0) {
    explain({ total: "tax", item: String(taxFromRate.count), date: null, processorMinor: 0, quickbooksMinor: taxFromRate.quickbooksMinor, cause: "tax_from_rate", detail: null });
  }

  for (const f of input.fees) {
    const key = `fees_${f.kind}` as TotalKey;
    addTo(key, f.amountMinor, f.quickbooksMinor ?? 0);
    const cause = f.quickbooksMinor === null ? causeOf(f.status, f.inDeposit !== null) : null;
    if (cause) explain({ total: key, item: f.processorId, date: f.businessDate, processorMinor: f.amountMinor, quickbooksMinor: 0, cause, detail: f.inDeposit ?? f.faultMessage });
  }

  const pausedDeposits: PausedDepositRow[] = [];
  for (const d of input.deposits) {
    addTo("deposits", d.amountMinor, d.quickbooksMinor ?? 0);
    const cause = d.quickbooksMinor === null ? causeOf(d.status) : null;
    if (cause === "not_sent_yet") {
      explain({ total: "deposits", item: d.processorId, date: d.depositDate, processorMinor: d.amountMinor, quickbooksMinor: 0, cause: "deposit_waiting", detail: d.faultMessage });
    } else if (cause) {
      explain({ total: "deposits", item: d.processorId, date: d.depositDate, processorMinor: d.amountMinor, quickbooksMinor: 0, cause, detail: d.faultMessage });
    }
    if (d.status === "skipped_paused" && d.quickbooksMinor === null) {
      pausedDeposits.push({
        processorId: d.processorId,
        depositDate: d.depositDate,
        amountMinor: d.amountMinor,
        leftInUndepositedFundsMinor: d.postedReceiptsMinor,
        canBeSent: d.settlesOnlyPostedReceipts,
      });
    }
  }

  // Net: what the processor owes for the month's activity, on each side.
  const net = (side: "processor" | "quickbooks") =>
    sums.get("sales")![side] +
    sums.get("chargeback_reversals")![side] -
    sums.get("refunds")![side] -
    sums.get("chargebacks")![side] -
    (["fees_processing", "fees_service", "fees_chargeback", "fees_monthly"] as const).reduce((s, k) => s + sums.get(k)![side], 0);
  sums.set("net", { processor: net("processor"), quickbooks: net("quickbooks") });

  const totals: TotalRow[] = TOTAL_KEYS.map((key) => {
    const s = sums.get(key)!;
    return { key, processorMinor: s.processor, quickbooksMinor: s.quickbooks, differenceMinor: s.processor - s.quickbooks };
  });

  const unexplained: UnexplainedRow[] = [];
  for (const row of totals) {
    if (row.key === "net") continue; // net is made of the others: its gap is theirs
    const explained = differences.filter((d) => d.total === row.key).reduce((s, d) => s + d.differenceMinor, 0);
    if (row.differenceMinor !== explained) unexplained.push({ total: row.key, differenceMinor: row.differenceMinor - explained });
  }
  return { month: input.month, totals, differences, pausedDeposits, unexplained };
}
