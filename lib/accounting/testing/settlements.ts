import type { Settlement, SettledTransaction } from "../types";

export const posted = (processorId: string, kind: SettledTransaction["transaction"]["kind"], amountMinor: number, qboTxnId: string): SettledTransaction => ({
  transaction: { processorId, kind, amountMinor },
  posting: { status: "posted", qboTxnId },
});

export const notPosted = (
  processorId: string,
  kind: SettledTransaction["transaction"]["kind"],
  amountMinor: number,
  status: "before_connection" | "paused" | "resolved",
): SettledTransaction => ({ transaction: { processorId, kind, amountMinor }, posting: { status } });

/** A typical day: two sales, a refund, a chargeback, a reversal and two fees, all receipts posted. */
export function typicalSettlement(): Settlement {
  const transactions = [
    posted("txn_1", "sale", 10_000, "101"),
    posted("txn_2", "sale", 2_599, "102"),
    posted("txn_3", "refund", 1_000, "55"),
    posted("txn_4", "chargeback", 599, "56"),
    posted("txn_5", "chargeback_reversal", 300, "103"),
  ];
  const fees = [
    { processorId: "fee_1", kind: "processing" as const, amountMinor: 290 },
    { processorId: "fee_4", kind: "chargeback" as const, amountMinor: 1_500 },
  ];
  // 10000 + 2599 − 1000 − 599 + 300 − 290 − 1500
  return { deposit: { processorId: "dep_MID-1001_20261121", amountMinor: 9_510, depositDate: "2026-11-21" }, transactions, fees };
}
