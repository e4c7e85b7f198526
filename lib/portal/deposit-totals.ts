import { signedAmountMinor, type TransactionKind } from "./transaction-kinds";

/** What a deposit is made of, each part positive: net = sales − refunds − chargebacks + reversals − fees. */
export interface DepositBreakdown {
  salesMinor: number;
  refundsMinor: number;
  chargebacksMinor: number;
  reversalsMinor: number;
  feesMinor: number;
  netMinor: number;
}

const PART: Record<TransactionKind, keyof Omit<DepositBreakdown, "feesMinor" | "netMinor">> = {
  sale: "salesMinor",
  refund: "refundsMinor",
  chargeback: "chargebacksMinor",
  chargeback_reversal: "reversalsMinor",
};

/** Adds up a deposit's items, so the drill-down can show that they make exactly the amount paid. */
export function breakdownOfItems(
  transactions: readonly { kind: TransactionKind; amountMinor: number }[],
  fees: readonly { amountMinor: number }[],
): DepositBreakdown {
  const totals: DepositBreakdown = { salesMinor: 0, refundsMinor: 0, chargebacksMinor: 0, reversalsMinor: 0, feesMinor: 0, netMinor: 0 };
  for (const t of transactions) {
    totals[PART[t.kind]] += t.amountMinor;
    totals.netMinor += signedAmountMinor(t.kind, t.amountMinor);
  }
  for (const f of fees) {
    totals.feesMinor += f.amountMinor;
    totals.netMinor -= f.amountMinor;
  }
  return totals;
}

/** The breakdown from the amounts per kind (each positive), as the drill-down's aggregate returns them. */
export function breakdownOfKinds(amounts: Record<TransactionKind | "fees", number>): DepositBreakdown {
  const totals: DepositBreakdown = {
    salesMinor: amounts.sale,
    refundsMinor: amounts.refund,
    chargebacksMinor: amounts.chargeback,
    reversalsMinor: amounts.chargeback_reversal,
    feesMinor: amounts.fees,
    netMinor: -amounts.fees,
  };
  for (const kind of Object.keys(PART) as TransactionKind[]) totals.netMinor += signedAmountMinor(kind, amounts[kind]);
  return totals;
}
