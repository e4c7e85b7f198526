import { stringify } from "csv-stringify/sync";
import { formatMinor } from "@/lib/accounting/money";
import type { DifferenceRow, MonthReconciliation, PausedDepositRow, TotalKey } from "./reconcile";

/**
 * The reconciliation as CSV: `section,item,processor,quickbooks,difference,explanation`, one row
 * per total and per difference, amounts as plain decimals with a dot (minus for negatives), dates
 * ISO. Paused deposits get their own rows (section paused_deposit, processor = paid to the bank)
 * and what each leaves in Undeposited Funds another (section undeposited_funds, quickbooks = that
 * amount). The words of the explanation column come from the caller (the reader's language).
 */
export const CSV_HEADER = ["section", "item", "processor", "quickbooks", "difference", "explanation"] as const;
export const CSV_CONTENT_TYPE = "text/csv; charset=utf-8";

export interface CsvWords {
  total(key: TotalKey): string;
  difference(row: DifferenceRow): string;
  unexplained(key: TotalKey): string;
  pausedDeposit(row: PausedDepositRow): string;
  leftInUndepositedFunds(row: PausedDepositRow): string;
  nothingUnexplained: string;
}

export function reconciliationCsv(report: MonthReconciliation, words: CsvWords): string {
  const amount = (minor: number) => formatMinor(minor);
  const rows: string[][] = [[...CSV_HEADER]];
  for (const t of report.totals) rows.push(["total", t.key, amount(t.processorMinor), amount(t.quickbooksMinor), amount(t.differenceMinor), words.total(t.key)]);
  for (const d of differencesOutsidePausedDeposits(report)) {
    rows.push(["difference", d.item, amount(d.processorMinor), amount(d.quickbooksMinor), amount(d.differenceMinor), words.difference(d)]);
  }
  for (const p of report.pausedDeposits) {
    rows.push(["paused_deposit", p.processorId, amount(p.amountMinor), amount(0), amount(p.amountMinor), words.pausedDeposit(p)]);
    rows.push(["undeposited_funds", p.processorId, amount(0), amount(p.leftInUndepositedFundsMinor), amount(-p.leftInUndepositedFundsMinor), words.leftInUndepositedFunds(p)]);
  }
  for (const u of report.unexplained) rows.push(["unexplained", u.total, "", "", amount(u.differenceMinor), words.unexplained(u.total)]);
  if (report.unexplained.length === 0) rows.push(["summary", report.month, "", "", amount(0), words.nothingUnexplained]);
  return stringify(rows, { bom: false, record_delimiter: "\n" });
}

/** Deposits kept out by a pause are listed in their own section, not again among the differences. */
export function differencesOutsidePausedDeposits(report: MonthReconciliation): DifferenceRow[] {
  const paused = new Set(report.pausedDeposits.map((p) => p.processorId));
  return report.differences.filter((d) => !(d.total === "deposits" && paused.has(d.item)));
}
