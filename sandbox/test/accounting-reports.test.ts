import { describe, expect, it } from "vitest";
import { createCompanyBooks, handleAccountingRequest, listEntities } from "../src/accounting";

const NOW = new Date("2026-03-10T17:00:00Z");
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A Canadian company with a mixed month: sales, a refund, a deposit with fees, a purchase, a journal entry, and last year's sale. */
function busyCompany() {
  const books = createCompanyBooks({ realmId: "5150", name: "Reports Co", country: "CA", region: "ON", now: NOW });
  const ok = (method: "GET" | "POST", path: string, body?: unknown, query: Record<string, string> = {}): Json => {
    const res = handleAccountingRequest(books, { method, path, query: new URLSearchParams(query), body, now: NOW });
    if (res.status !== 200) throw new Error(`${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as Json;
  };
  const idOf = (entity: string, name: string) => (listEntities(books, entity) as Json[]).find((e) => (e.Name ?? e.DisplayName) === name)!.Id as string;
  const hst = idOf("TaxCode", "HST ON");
  const uf = idOf("Account", "Undeposited Funds");
  const bank = idOf("Account", "Chequing");
  const sale = (date: string, amount: number) => ok("POST", "/salesreceipt", { TxnDate: date, GlobalTaxCalculation: "TaxExcluded", Line: [{ DetailType: "SalesItemLineDetail", Amount: amount, SalesItemLineDetail: { ItemRef: { value: "1" }, TaxCodeRef: { value: hst } } }] }).SalesReceipt;
  const lastYear = sale("2025-12-20", 200);
  const s1 = sale("2026-03-02", 100);
  const s2 = sale("2026-03-02", 33.33);
  const refund = ok("POST", "/refundreceipt", { TxnDate: "2026-03-03", DepositToAccountRef: { value: uf }, GlobalTaxCalculation: "TaxInclusive", Line: [{ DetailType: "SalesItemLineDetail", Amount: 11.3, SalesItemLineDetail: { ItemRef: { value: "1" }, TaxCodeRef: { value: hst } } }] }).RefundReceipt;
  const link = (txn: Json, type: string, sign = 1) => ({ Amount: sign * txn.TotalAmt, LinkedTxn: [{ TxnId: txn.Id, TxnType: type, TxnLineId: "0" }] });
  ok("POST", "/deposit", { TxnDate: "2026-03-04", DepositToAccountRef: { value: bank }, Line: [
    link(lastYear, "SalesReceipt"), link(s1, "SalesReceipt"), link(refund, "RefundReceipt", -1),
    { DetailType: "DepositLineDetail", Amount: -3.17, DepositLineDetail: { AccountRef: { value: idOf("Account", "Bank Charges") } } },
  ] });
  ok("POST", "/purchase", { TxnDate: "2026-03-05", AccountRef: { value: bank }, PaymentType: "Cash", GlobalTaxCalculation: "TaxExcluded", Line: [{ DetailType: "AccountBasedExpenseLineDetail", Amount: 40, AccountBasedExpenseLineDetail: { AccountRef: { value: idOf("Account", "Office Expenses") }, TaxCodeRef: { value: hst } } }] });
  ok("POST", "/journalentry", { TxnDate: "2026-03-06", Line: [
    { DetailType: "JournalEntryLineDetail", Amount: 500, JournalEntryLineDetail: { PostingType: "Debit", AccountRef: { value: idOf("Account", "Savings") } } },
    { DetailType: "JournalEntryLineDetail", Amount: 500, JournalEntryLineDetail: { PostingType: "Credit", AccountRef: { value: idOf("Account", "Owner's Equity") } } },
  ] });
  return { books, ok, idOf, s2 };
}

const cents = (value: string) => (value === "" ? 0 : Math.round(Number(value) * 100));

function dataRows(rows: Json[]): Json[] {
  return rows.flatMap((r) => (r.type === "Data" ? [r] : r.Rows ? dataRows(r.Rows.Row) : []));
}

function summaryOf(rows: Json[], group: string): Json | undefined {
  for (const r of rows) {
    if (r.group === group) return r.Summary;
    const inner = r.Rows ? summaryOf(r.Rows.Row, group) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

describe("reports", () => {
  it("TrialBalance: debits equal credits after a mixed set of documents, account ids in ColData[0].id", () => {
    const { ok, idOf } = busyCompany();
    const report = ok("GET", "/reports/TrialBalance", undefined, { start_date: "2026-01-01", end_date: "2026-03-31", minorversion: "75" });
    expect(report.Header).toMatchObject({ ReportName: "TrialBalance", StartPeriod: "2026-01-01", EndPeriod: "2026-03-31", Currency: "CAD", ReportBasis: "Accrual" });
    expect(report.Columns.Column.map((c: Json) => c.ColTitle)).toEqual(["", "Debit", "Credit"]);
    const rows = report.Rows.Row as Json[];
    const data = rows.filter((r) => r.type === "Data");
    const debit = data.reduce((a, r) => a + cents(r.ColData[1].value), 0);
    const credit = data.reduce((a, r) => a + cents(r.ColData[2].value), 0);
    expect(debit).toBe(credit);
    const total = rows.at(-1)!.Summary.ColData;
    expect([cents(total[1].value), cents(total[2].value)]).toEqual([debit, credit]);
    const byId = Object.fromEntries(data.map((r) => [r.ColData[0].id, r.ColData]));
    // Chequing: 226 + 113 − 11.30 − 3.17 − 45.20 = 279.33
    expect(byId[idOf("Account", "Chequing")][1].value).toBe("279.33");
    // Undeposited Funds still holds the undeposited 33.33 + 4.33 tax.
    expect(byId[idOf("Account", "Undeposited Funds")][1].value).toBe("37.66");
    expect(byId[idOf("Account", "Bank Charges")][1].value).toBe("3.17");
    // Last year's sale is in Retained Earnings, this year's income in Services (100 + 33.33 − 10).
    expect(byId[idOf("Account", "Retained Earnings")][2].value).toBe("200.00");
    expect(byId[idOf("Account", "Services")][2].value).toBe("123.33");
  });

  it("ProfitAndLoss: income, expenses and net income for the period", () => {
    const { ok } = busyCompany();
    const report = ok("GET", "/reports/ProfitAndLoss", undefined, { start_date: "2026-03-01", end_date: "2026-03-31" });
    const rows = report.Rows.Row as Json[];
    expect(summaryOf(rows, "Income")!.ColData[1].value).toBe("123.33");
    expect(summaryOf(rows, "Expenses")!.ColData[1].value).toBe("43.17");
    expect(summaryOf(rows, "NetIncome")!.ColData).toEqual([{ value: "Net Income" }, { value: "80.16" }]);
    const lastYear = ok("GET", "/reports/ProfitAndLoss", undefined, { start_date: "2025-01-01", end_date: "2025-12-31" });
    expect(summaryOf(lastYear.Rows.Row, "NetIncome")!.ColData[1].value).toBe("200.00");
  });

  it("BalanceSheet: assets equal liabilities and equity", () => {
    const { ok } = busyCompany();
    const report = ok("GET", "/reports/BalanceSheet", undefined, { end_date: "2026-03-31" });
    const rows = report.Rows.Row as Json[];
    const assets = cents(summaryOf(rows, "TotalAssets")!.ColData[1].value);
    const le = cents(summaryOf(rows, "TotalLiabilitiesAndEquity")!.ColData[1].value);
    expect(assets).toBe(le);
    expect(assets).toBe(27933 + 3766 + 50000);
    expect(dataRows(rows).some((r) => r.ColData[0].value === "Net Income")).toBe(true);
  });

  it("respects the end date and says when there is no data", () => {
    const { ok } = busyCompany();
    const before = ok("GET", "/reports/TrialBalance", undefined, { end_date: "2025-06-30" });
    expect(before.Header.Option).toContainEqual({ Name: "NoReportData", Value: "true" });
    expect(before.Rows.Row).toHaveLength(1);
  });

  it("understands date macros", () => {
    const { ok } = busyCompany();
    expect(ok("GET", "/reports/ProfitAndLoss", undefined, { date_macro: "This Month-to-date" }).Header).toMatchObject({ DateMacro: "This Month-to-date", StartPeriod: "2026-03-01", EndPeriod: "2026-03-10" });
    expect(ok("GET", "/reports/ProfitAndLoss", undefined, { date_macro: "Last Month" }).Header).toMatchObject({ StartPeriod: "2026-02-01", EndPeriod: "2026-02-28" });
    const lastYear = ok("GET", "/reports/ProfitAndLoss", undefined, { date_macro: "Last Fiscal Year" });
    expect(lastYear.Header).toMatchObject({ StartPeriod: "2025-01-01", EndPeriod: "2025-12-31" });
    expect(summaryOf(lastYear.Rows.Row, "NetIncome")!.ColData[1].value).toBe("200.00");
  });

  it("refuses unknown reports and bad dates", () => {
    const { books } = busyCompany();
    const call = (path: string, q: Record<string, string> = {}) => handleAccountingRequest(books, { method: "GET", path, query: new URLSearchParams(q), body: undefined, now: NOW });
    expect(call("/reports/CashFlowish").status).toBe(400);
    expect(call("/reports/TrialBalance", { end_date: "March" }).status).toBe(400);
    expect(call("/reports/TrialBalance", { date_macro: "Since the dawn of time" }).status).toBe(400);
  });

  it("Account.CurrentBalance agrees with the trial balance", () => {
    const { ok, books } = busyCompany();
    const tb = ok("GET", "/reports/TrialBalance", undefined, { start_date: "2026-01-01", end_date: "2026-12-31" });
    const data = (tb.Rows.Row as Json[]).filter((r) => r.type === "Data");
    for (const account of listEntities(books, "Account") as Json[]) {
      if (account.Classification === "Revenue" || account.Classification === "Expense" || account.AccountSubType === "RetainedEarnings") continue;
      const row = data.find((r) => r.ColData[0].id === account.Id);
      const debit = row ? cents(row.ColData[1].value) - cents(row.ColData[2].value) : 0;
      const natural = account.Classification === "Asset" ? debit : -debit;
      expect(Math.round(account.CurrentBalance * 100)).toBe(natural);
    }
  });
});
