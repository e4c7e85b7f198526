/**
 * Reports API: TrialBalance, ProfitAndLoss and BalanceSheet from the journal, in Intuit's report
 * shape (Header / Columns / Rows with ColData; the account id in ColData[0].id; money as strings).
 * The fiscal year starts in January. Income and expense before the period roll into Retained
 * Earnings, so the trial balance and the balance sheet always balance.
 */
import { type CompanyBooks, type Entity, allOf } from "./books";
import { invalidProperty } from "./faults";
import { balancesBetween } from "./ledger";
import { centsString } from "./money";
import { CURRENCY } from "./seed";
import { addDays, isIsoDate, qboDate, qboTime } from "./time";

type Row = Record<string, unknown>;

/** Sections in the order QuickBooks lists accounts. */
const TYPE_ORDER = [
  "Bank", "Accounts Receivable", "Other Current Asset", "Fixed Asset", "Other Asset", "Accounts Payable", "Credit Card",
  "Other Current Liability", "Long Term Liability", "Equity", "Income", "Cost of Goods Sold", "Expense", "Other Income", "Other Expense",
];

function isProfitAndLoss(account: Entity): boolean {
  return account.Classification === "Revenue" || account.Classification === "Expense";
}

function accountsInOrder(books: CompanyBooks): Entity[] {
  return allOf(books, "Account").sort((a, b) =>
    TYPE_ORDER.indexOf(String(a.AccountType)) - TYPE_ORDER.indexOf(String(b.AccountType))
    || String(a.FullyQualifiedName).localeCompare(String(b.FullyQualifiedName)));
}

interface Period { start: string; end: string }

/** The date macros QuickBooks accepts that the sandbox understands (fiscal year = calendar year). */
function macroPeriod(macro: string, today: string): Period | undefined {
  const year = Number(today.slice(0, 4));
  const month = today.slice(0, 7);
  const monthEnd = (ym: string) => addDays(`${addMonth(ym, 1)}-01`, -1);
  switch (macro.toLowerCase()) {
    case "today": return { start: today, end: today };
    case "yesterday": return { start: addDays(today, -1), end: addDays(today, -1) };
    case "this month": return { start: `${month}-01`, end: monthEnd(month) };
    case "this month-to-date": return { start: `${month}-01`, end: today };
    case "last month": { const last = addMonth(month, -1); return { start: `${last}-01`, end: monthEnd(last) }; }
    case "this fiscal year":
    case "this calendar year":
    case "this year": return { start: `${year}-01-01`, end: `${year}-12-31` };
    case "this fiscal year-to-date":
    case "this calendar year-to-date":
    case "this year-to-date": return { start: `${year}-01-01`, end: today };
    case "last fiscal year":
    case "last calendar year":
    case "last year": return { start: `${year - 1}-01-01`, end: `${year - 1}-12-31` };
    default: return undefined;
  }
}

function addMonth(yearMonth: string, months: number): string {
  const [y, m] = yearMonth.split("-").map(Number);
  const total = y * 12 + (m - 1) + months;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, "0")}`;
}

function period(params: URLSearchParams, now: Date): Period {
  const macro = params.get("date_macro");
  const fromMacro = macro && !params.get("start_date") && !params.get("end_date") ? macroPeriod(macro, qboDate(now)) : undefined;
  if (macro && !fromMacro && !params.get("start_date") && !params.get("end_date")) {
    throw invalidProperty(`date_macro ${macro} is not supported by the sandbox`, "date_macro");
  }
  if (fromMacro) return fromMacro;
  const end = params.get("end_date") ?? qboDate(now);
  if (!isIsoDate(end)) throw invalidProperty(`end_date must be a date (YYYY-MM-DD), got ${end}`, "end_date");
  const start = params.get("start_date") ?? `${end.slice(0, 4)}-01-01`;
  if (!isIsoDate(start)) throw invalidProperty(`start_date must be a date (YYYY-MM-DD), got ${start}`, "start_date");
  return { start, end };
}

function header(books: CompanyBooks, name: string, p: Period, now: Date, empty: boolean, params: URLSearchParams): Row {
  const basis = params.get("accounting_method") === "Cash" ? "Cash" : "Accrual";
  return {
    Time: qboTime(now),
    ReportName: name,
    ...(params.get("date_macro") ? { DateMacro: params.get("date_macro") } : {}),
    ReportBasis: basis,
    StartPeriod: p.start,
    EndPeriod: p.end,
    SummarizeColumnsBy: "Total",
    Currency: CURRENCY[books.country].value,
    Option: [
      { Name: "AccountingStandard", Value: books.country === "CA" ? "IFRS" : "GAAP" },
      { Name: "NoReportData", Value: String(empty) },
    ],
  };
}

function columns(titles: Array<[string, string, string]>): Row {
  return { Column: titles.map(([ColTitle, ColType, key]) => ({ ColTitle, ColType, MetaData: [{ Name: "ColKey", Value: key }] })) };
}

function dataRow(account: Entity, ...values: string[]): Row {
  return { ColData: [{ value: String(account.FullyQualifiedName), id: account.Id }, ...values.map((value) => ({ value }))], type: "Data" };
}

/**
 * Balances the reports use: balance-sheet accounts cumulative to the end date, income and
 * expense accounts over the period, earlier income and expense added to Retained Earnings.
 */
function reportBalances(books: CompanyBooks, p: Period): Map<string, number> {
  const cumulative = balancesBetween(books, null, p.end);
  const inPeriod = balancesBetween(books, p.start, p.end);
  const before = balancesBetween(books, null, addDays(p.start, -1));
  const out = new Map<string, number>();
  let priorEarnings = 0;
  for (const account of allOf(books, "Account")) {
    if (isProfitAndLoss(account)) {
      out.set(account.Id, inPeriod[account.Id] ?? 0);
      priorEarnings += before[account.Id] ?? 0;
    } else out.set(account.Id, cumulative[account.Id] ?? 0);
  }
  const re = books.systemAccounts.retainedEarnings;
  out.set(re, (out.get(re) ?? 0) + priorEarnings);
  return out;
}

function trialBalance(books: CompanyBooks, params: URLSearchParams, now: Date): Row {
  const p = period(params, now);
  const balances = reportBalances(books, p);
  let debits = 0;
  let credits = 0;
  const rows: Row[] = [];
  for (const account of accountsInOrder(books)) {
    const cents = balances.get(account.Id) ?? 0;
    if (cents === 0) continue;
    if (cents > 0) debits += cents;
    else credits -= cents;
    rows.push(dataRow(account, cents > 0 ? centsString(cents) : "", cents < 0 ? centsString(-cents) : ""));
  }
  rows.push({ Summary: { ColData: [{ value: "TOTAL" }, { value: centsString(debits) }, { value: centsString(credits) }] }, type: "Section", group: "GrandTotal" });
  return {
    Header: header(books, "TrialBalance", p, now, rows.length === 1, params),
    Columns: columns([["", "Account", "account"], ["Debit", "Money", "debt_amt"], ["Credit", "Money", "credit_amt"]]),
    Rows: { Row: rows },
  };
}

/** A section of account rows in natural sign; returns the row and its total in cents. */
function section(books: CompanyBooks, balances: Map<string, number>, title: string, group: string, types: string[], naturalDebit: boolean, extra: Row[] = [], extraCents = 0): { row: Row; cents: number } {
  const rows: Row[] = [];
  let total = extraCents;
  for (const account of accountsInOrder(books)) {
    if (!types.includes(String(account.AccountType))) continue;
    const debit = balances.get(account.Id) ?? 0;
    if (debit === 0) continue;
    const cents = naturalDebit ? debit : -debit;
    total += cents;
    rows.push(dataRow(account, centsString(cents)));
  }
  rows.push(...extra);
  return {
    row: {
      Header: { ColData: [{ value: title }, { value: "" }] },
      Rows: { Row: rows },
      Summary: { ColData: [{ value: `Total ${title}` }, { value: centsString(total) }] },
      type: "Section",
      group,
    },
    cents: total,
  };
}

function summaryRow(title: string, group: string, cents: number): Row {
  return { Summary: { ColData: [{ value: title }, { value: centsString(cents) }] }, type: "Section", group };
}

function groupOf(title: string, group: string, parts: Array<{ row: Row; cents: number }>): { row: Row; cents: number } {
  const cents = parts.reduce((a, p) => a + p.cents, 0);
  return {
    row: {
      Header: { ColData: [{ value: title }, { value: "" }] },
      Rows: { Row: parts.map((p) => p.row) },
      Summary: { ColData: [{ value: `Total ${title}` }, { value: centsString(cents) }] },
      type: "Section",
      group,
    },
    cents,
  };
}

function profitAndLossParts(books: CompanyBooks, balances: Map<string, number>) {
  const income = section(books, balances, "Income", "Income", ["Income"], false);
  const cogs = section(books, balances, "Cost of Goods Sold", "COGS", ["Cost of Goods Sold"], true);
  const expenses = section(books, balances, "Expenses", "Expenses", ["Expense"], true);
  const otherIncome = section(books, balances, "Other Income", "OtherIncome", ["Other Income"], false);
  const otherExpenses = section(books, balances, "Other Expenses", "OtherExpenses", ["Other Expense"], true);
  const gross = income.cents - cogs.cents;
  const operating = gross - expenses.cents;
  const other = otherIncome.cents - otherExpenses.cents;
  return { income, cogs, expenses, otherIncome, otherExpenses, gross, operating, other, net: operating + other };
}

function profitAndLoss(books: CompanyBooks, params: URLSearchParams, now: Date): Row {
  const p = period(params, now);
  const parts = profitAndLossParts(books, reportBalances(books, p));
  const rows: Row[] = [
    parts.income.row, parts.cogs.row, summaryRow("Gross Profit", "GrossProfit", parts.gross), parts.expenses.row,
    summaryRow("Net Operating Income", "NetOperatingIncome", parts.operating), parts.otherIncome.row, parts.otherExpenses.row,
    summaryRow("Net Other Income", "NetOtherIncome", parts.other), summaryRow("Net Income", "NetIncome", parts.net),
  ];
  const empty = [parts.income, parts.cogs, parts.expenses, parts.otherIncome, parts.otherExpenses].every((s) => ((s.row.Rows as { Row: Row[] }).Row.length === 0));
  return {
    Header: header(books, "ProfitAndLoss", p, now, empty, params),
    Columns: columns([["", "Account", "account"], ["Total", "Money", "total"]]),
    Rows: { Row: rows },
  };
}

function balanceSheet(books: CompanyBooks, params: URLSearchParams, now: Date): Row {
  const p = period(params, now);
  const balances = reportBalances(books, p);
  const net = profitAndLossParts(books, balances).net;
  const current = groupOf("Current Assets", "CurrentAssets", [
    section(books, balances, "Bank Accounts", "BankAccounts", ["Bank"], true),
    section(books, balances, "Accounts Receivable", "AR", ["Accounts Receivable"], true),
    section(books, balances, "Other Current Assets", "OtherCurrentAssets", ["Other Current Asset"], true),
  ]);
  const assets = groupOf("Assets", "TotalAssets", [current,
    section(books, balances, "Fixed Assets", "FixedAssets", ["Fixed Asset"], true),
    section(books, balances, "Other Assets", "OtherAssets", ["Other Asset"], true)]);
  const currentLiabilities = groupOf("Current Liabilities", "CurrentLiabilities", [
    section(books, balances, "Accounts Payable", "AP", ["Accounts Payable"], false),
    section(books, balances, "Credit Cards", "CreditCards", ["Credit Card"], false),
    section(books, balances, "Other Current Liabilities", "OtherCurrentLiabilities", ["Other Current Liability"], false),
  ]);
  const liabilities = groupOf("Liabilities", "Liabilities", [currentLiabilities,
    section(books, balances, "Long-Term Liabilities", "LongTermLiabilities", ["Long Term Liability"], false)]);
  const equity = section(books, balances, "Equity", "Equity", ["Equity"], false,
    [{ ColData: [{ value: "Net Income" }, { value: centsString(net) }], type: "Data" }], net);
  const totalLe = groupOf("Liabilities and Equity", "TotalLiabilitiesAndEquity", [liabilities, equity]);
  // QuickBooks titles the grand totals "TOTAL ASSETS" / "TOTAL LIABILITIES AND EQUITY".
  (assets.row.Summary as { ColData: Array<{ value: string }> }).ColData[0].value = "TOTAL ASSETS";
  (totalLe.row.Summary as { ColData: Array<{ value: string }> }).ColData[0].value = "TOTAL LIABILITIES AND EQUITY";
  return {
    Header: header(books, "BalanceSheet", p, now, assets.cents === 0 && totalLe.cents === 0, params),
    Columns: columns([["", "Account", "account"], ["Total", "Money", "total"]]),
    Rows: { Row: [assets.row, totalLe.row] },
  };
}

export function runReport(books: CompanyBooks, name: string | undefined, params: URLSearchParams, now: Date): unknown {
  switch (name) {
    case "TrialBalance": return trialBalance(books, params, now);
    case "ProfitAndLoss": return profitAndLoss(books, params, now);
    case "BalanceSheet": return balanceSheet(books, params, now);
    default: throw invalidProperty(`The sandbox serves the reports TrialBalance, ProfitAndLoss and BalanceSheet, not ${name ?? ""}`, "ReportName");
  }
}

