import { describe, expect, it } from "vitest";
import type { Country } from "../src/accounting";
import { directCompany, type Json } from "./accounting-helpers";

function company(country: Country = "CA", region = country === "CA" ? "ON" : "NY", automatedSalesTax = false) {
  const { books, call, ok, fault, idOf } = directCompany({ realmId: "4620", country, region, automatedSalesTax });
  /** An account's balance in its natural sign, from the trial balance over all dates (income and expense accounts carry no CurrentBalance). */
  const balance = (name: string): number => {
    const account = ok("GET", `/account/${idOf("Account", name)}`).Account;
    const tb = ok("GET", "/reports/TrialBalance", undefined, { start_date: "1900-01-01", end_date: "2100-12-31" });
    const row = (tb.Rows.Row as Json[]).find((r) => r.ColData?.[0]?.id === account.Id);
    const debit = row ? Number(row.ColData[1].value || 0) - Number(row.ColData[2].value || 0) : 0;
    const natural = Math.round((account.Classification === "Asset" || account.Classification === "Expense" ? debit : -debit) * 100) / 100;
    if (account.Classification === "Revenue" || account.Classification === "Expense") expect(account.CurrentBalance).toBe(0);
    else expect(account.CurrentBalance).toBe(natural);
    return natural;
  };
  return { books, call, ok, fault, idOf, balance };
}

/** A one-item sales line. */
function line(amount: number, taxCode?: string, extra: Json = {}): Json {
  return { DetailType: "SalesItemLineDetail", Amount: amount, SalesItemLineDetail: { ItemRef: { value: "1" }, ...(taxCode ? { TaxCodeRef: { value: taxCode } } : {}), ...extra } };
}

describe("Canadian sales tax (per-line tax codes, GlobalTaxCalculation)", () => {
  it("computes tax-excluded GST/QST per rate, each rounded to the cent", () => {
    const { ok, idOf } = company("CA", "QC");
    const sr = ok("POST", "/salesreceipt", { GlobalTaxCalculation: "TaxExcluded", Line: [line(10.01, idOf("TaxCode", "GST/QST QC - 9.975"), { Qty: 1, UnitPrice: 10.01 })] }).SalesReceipt;
    const byRate = Object.fromEntries(sr.TxnTaxDetail.TaxLine.map((t: Json) => [t.TaxLineDetail.TaxRateRef.name, t.Amount]));
    expect(byRate).toEqual({ GST: 0.5, QST: 1 }); // 0.5005 and 0.9985
    expect(sr.TxnTaxDetail.TotalTax).toBe(1.5);
    expect(sr.TotalAmt).toBe(11.51);
    expect(sr.TxnTaxDetail.TaxLine[0].TaxLineDetail).toMatchObject({ PercentBased: true, TaxPercent: 5, NetAmountTaxable: 10.01 });
  });

  it("taxes the summed net of a rate, rounding half a cent up", () => {
    const { ok, idOf } = company();
    const hst = idOf("TaxCode", "HST ON");
    const one = ok("POST", "/salesreceipt", { GlobalTaxCalculation: "TaxExcluded", Line: [line(0.5, hst)] }).SalesReceipt;
    expect(one.TxnTaxDetail.TotalTax).toBe(0.07); // 0.065 → 0.07
    const two = ok("POST", "/salesreceipt", { GlobalTaxCalculation: "TaxExcluded", Line: [line(0.1, hst), line(0.1, hst)] }).SalesReceipt;
    expect(two.TxnTaxDetail.TotalTax).toBe(0.03); // 13 % of 0.20 = 0.026, not 2 × 0.01
    expect(two.TotalAmt).toBe(0.23);
  });

  it("backs the net out of tax-inclusive amounts and keeps the gross in TaxInclusiveAmt", () => {
    const { ok, idOf } = company("CA", "QC");
    const sr = ok("POST", "/salesreceipt", { GlobalTaxCalculation: "TaxInclusive", Line: [line(114.98, idOf("TaxCode", "GST/QST QC - 9.975"))] }).SalesReceipt;
    expect(sr.Line[0].Amount).toBe(100);
    expect(sr.Line[0].SalesItemLineDetail.TaxInclusiveAmt).toBe(114.98);
    const byRate = Object.fromEntries(sr.TxnTaxDetail.TaxLine.map((t: Json) => [t.TaxLineDetail.TaxRateRef.name, t.Amount]));
    expect(byRate).toEqual({ GST: 5, QST: 9.98 });
    expect(sr.TotalAmt).toBe(114.98);
    const hst = ok("POST", "/salesreceipt", { GlobalTaxCalculation: "TaxInclusive", Line: [line(11.3, idOf("TaxCode", "HST ON"))] }).SalesReceipt;
    expect([hst.Line[0].Amount, hst.TxnTaxDetail.TotalTax, hst.TotalAmt]).toEqual([10, 1.3, 11.3]);
  });

  it("accepts net Amount with TaxInclusiveAmt and honours an explicit tax (the app's shape)", () => {
    const { ok, idOf } = company("CA", "ON");
    const sr = ok("POST", "/salesreceipt", {
      GlobalTaxCalculation: "TaxInclusive",
      Line: [line(8.85, idOf("TaxCode", "HST ON"), { Qty: 1, UnitPrice: 8.85, TaxInclusiveAmt: 10 })],
      TxnTaxDetail: { TotalTax: 1.15, TaxLine: [{ DetailType: "TaxLineDetail", Amount: 1.15, TaxLineDetail: { TaxRateRef: { value: idOf("TaxRate", "HST ON") }, PercentBased: true, TaxPercent: 13, NetAmountTaxable: 8.85 } }] },
    }).SalesReceipt;
    expect([sr.Line[0].Amount, sr.TxnTaxDetail.TotalTax, sr.TotalAmt]).toEqual([8.85, 1.15, 10]);
  });

  it("needs GlobalTaxCalculation (2020) and a tax code on every line (6000); NotApplicable carries no tax", () => {
    const { ok, fault, idOf } = company();
    expect(fault("POST", "/salesreceipt", { Line: [line(10, idOf("TaxCode", "GST"))] })).toMatchObject({ code: "2020", element: "GlobalTaxCalculation" });
    expect(fault("POST", "/salesreceipt", { GlobalTaxCalculation: "TaxExcluded", Line: [line(10)] }).code).toBe("6000");
    expect(fault("POST", "/salesreceipt", { GlobalTaxCalculation: "Sometimes", Line: [line(10)] }).code).toBe("2170");
    expect(fault("POST", "/salesreceipt", { GlobalTaxCalculation: "TaxExcluded", Line: [line(10, "TAX")] }).code).toBe("2500");
    const none = ok("POST", "/salesreceipt", { GlobalTaxCalculation: "NotApplicable", Line: [line(10)] }).SalesReceipt;
    expect(none.TotalAmt).toBe(10);
  });
});

describe("US sales tax (TAX/NON lines, transaction tax code)", () => {
  it("applies the transaction code's rates to TAX lines only", () => {
    const { ok, idOf } = company("US", "NY");
    const sr = ok("POST", "/salesreceipt", { Line: [line(100, "TAX"), line(50, "NON")], TxnTaxDetail: { TxnTaxCodeRef: { value: idOf("TaxCode", "NYC") } } }).SalesReceipt;
    expect(sr.TxnTaxDetail.TxnTaxCodeRef).toEqual({ value: idOf("TaxCode", "NYC"), name: "NYC" });
    expect(sr.TxnTaxDetail.TaxLine.map((t: Json) => t.Amount)).toEqual([4, 4.5, 0.38]); // 0.375 → 0.38
    expect(sr.TxnTaxDetail.TotalTax).toBe(8.88);
    expect(sr.TotalAmt).toBe(158.88);
    expect(sr.GlobalTaxCalculation).toBeUndefined();
  });

  it("rounds to the cent and honours an explicit TotalTax", () => {
    const { ok, idOf } = company("US", "NY");
    const nyState = idOf("TaxCode", "NY State");
    expect(ok("POST", "/salesreceipt", { Line: [line(0.99, "TAX")], TxnTaxDetail: { TxnTaxCodeRef: { value: nyState } } }).SalesReceipt.TxnTaxDetail.TotalTax).toBe(0.04);
    const explicit = ok("POST", "/salesreceipt", { Line: [line(100, "TAX")], TxnTaxDetail: { TxnTaxCodeRef: { value: idOf("TaxCode", "NYC") }, TotalTax: 9 } }).SalesReceipt;
    expect(explicit.TotalAmt).toBe(109);
    expect(explicit.TxnTaxDetail.TaxLine.reduce((a: number, t: Json) => a + Math.round(t.Amount * 100), 0)).toBe(900);
  });

  it("rejects line tax codes other than TAX/NON with 6100", () => {
    const { fault, idOf } = company("US", "NY");
    expect(fault("POST", "/salesreceipt", { Line: [line(10, idOf("TaxCode", "NYC"))] }).code).toBe("6100");
  });

  it("lets Automated Sales Tax replace the transaction tax code", () => {
    const { ok, idOf } = company("US", "TX", true);
    const sr = ok("POST", "/salesreceipt", { Line: [line(100, "TAX")], TxnTaxDetail: { TxnTaxCodeRef: { value: idOf("TaxCode", "California") } } }).SalesReceipt;
    expect(sr.TxnTaxDetail.TxnTaxCodeRef.name).toBe("TX");
    expect(sr.TxnTaxDetail.TotalTax).toBe(6.25);
    expect(ok("GET", "/preferences").Preferences.TaxPrefs.PartnerTaxEnabled).toBe(true);
    // An explicit tax with UseAutomatedSalesTax false stands (AllowPartnerTaxOverride).
    const kept = ok("POST", "/salesreceipt", { Line: [line(100, "TAX")], TxnTaxDetail: { TxnTaxCodeRef: { value: idOf("TaxCode", "California") }, TotalTax: 7, UseAutomatedSalesTax: false } }).SalesReceipt;
    expect(kept.TotalAmt).toBe(107);
  });
});

describe("sales documents", () => {
  it("checks Amount = Qty × UnitPrice (6070), lengths (2050) and the deposit-to account type", () => {
    const { fault, idOf } = company();
    const gst = idOf("TaxCode", "GST");
    const body = (extra: Json) => ({ GlobalTaxCalculation: "TaxExcluded", Line: [line(10, gst)], ...extra });
    expect(fault("POST", "/salesreceipt", { GlobalTaxCalculation: "TaxExcluded", Line: [line(11, gst, { Qty: 2, UnitPrice: 5 })] })).toMatchObject({ code: "6070", Message: "Amount calculation incorrect" });
    expect(fault("POST", "/salesreceipt", body({ DocNumber: "x".repeat(22) }))).toMatchObject({ code: "2050", element: "DocNumber" });
    expect(fault("POST", "/salesreceipt", body({ PrivateNote: "x".repeat(4001) }))).toMatchObject({ code: "2050", element: "PrivateNote" });
    expect(fault("POST", "/salesreceipt", body({ DepositToAccountRef: { value: idOf("Account", "Bank Charges") } })).code).toBe("6000");
    expect(fault("POST", "/salesreceipt", { GlobalTaxCalculation: "TaxExcluded" })).toMatchObject({ code: "2020", element: "Line" });
    expect(fault("POST", "/salesreceipt", { GlobalTaxCalculation: "TaxExcluded", Line: [{ DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: { value: "1" }, TaxCodeRef: { value: gst } } }] }).code).toBe("2020");
    expect(fault("POST", "/refundreceipt", body({})).code).toBe("2020");
    expect(fault("POST", "/salesreceipt", body({ TxnDate: "2026-02-30" })).code).toBe("2010");
  });

  it("posts a sale into Undeposited Funds, income net of tax and the tax liability; a refund reverses", () => {
    const { ok, idOf, balance } = company();
    const hst = idOf("TaxCode", "HST ON");
    const sr = ok("POST", "/salesreceipt", { DocNumber: "S-1", GlobalTaxCalculation: "TaxExcluded", Line: [line(100, hst)] }).SalesReceipt;
    expect(sr.DepositToAccountRef).toEqual({ value: idOf("Account", "Undeposited Funds"), name: "Undeposited Funds" });
    expect(sr.Line.at(-1)).toEqual({ Amount: 100, DetailType: "SubTotalLineDetail", SubTotalLineDetail: {} });
    expect([balance("Undeposited Funds"), balance("Services"), balance("GST/HST Payable")]).toEqual([113, 100, 13]);
    ok("POST", "/refundreceipt", { DepositToAccountRef: { value: idOf("Account", "Undeposited Funds") }, GlobalTaxCalculation: "TaxExcluded", Line: [line(40, hst)] });
    expect([balance("Undeposited Funds"), balance("Services"), balance("GST/HST Payable")]).toEqual([67.8, 60, 7.8]);
  });

  it("voids and deletes: the document stays (void) or goes (delete) and its postings are reversed", () => {
    const { call, ok, fault, idOf, balance } = company();
    const gst = idOf("TaxCode", "GST");
    const sr = ok("POST", "/salesreceipt", { GlobalTaxCalculation: "TaxExcluded", Line: [line(20, gst)] }).SalesReceipt;
    const voided = call("POST", "/salesreceipt", { Id: sr.Id, SyncToken: sr.SyncToken }, { operation: "void" });
    expect(voided.changes).toEqual([{ entity: "SalesReceipt", id: sr.Id, operation: "Void" }]);
    expect((voided.body as Json).SalesReceipt).toMatchObject({ TotalAmt: 0, SyncToken: "1", PrivateNote: "Voided" });
    expect(balance("Undeposited Funds")).toBe(0);
    const rr = ok("POST", "/refundreceipt", { DepositToAccountRef: { value: idOf("Account", "Chequing") }, GlobalTaxCalculation: "TaxExcluded", Line: [line(10, gst)] }).RefundReceipt;
    expect(balance("Chequing")).toBe(-10.5);
    expect(fault("POST", "/refundreceipt", { Id: rr.Id, SyncToken: "7" }, { operation: "delete" }).code).toBe("5010");
    const deleted = call("POST", "/refundreceipt", { Id: rr.Id, SyncToken: rr.SyncToken }, { operation: "delete" });
    expect((deleted.body as Json).RefundReceipt).toEqual({ domain: "QBO", status: "Deleted", Id: rr.Id });
    expect(deleted.changes[0].operation).toBe("Delete");
    expect(balance("Chequing")).toBe(0);
    expect(fault("GET", `/refundreceipt/${rr.Id}`).code).toBe("610");
    expect(fault("POST", "/deposit", { Id: "1", SyncToken: "0" }, { operation: "void" }).code).toBe("500");
  });
});

describe("document numbers", () => {
  it("refuses a DocNumber already used by a document of the same type (6140) unless allowduplicatedocnum", () => {
    const { ok, fault, call, idOf } = company();
    const gst = idOf("TaxCode", "GST");
    const body = { DocNumber: "MP-7", GlobalTaxCalculation: "TaxExcluded", Line: [line(10, gst)] };
    const first = ok("POST", "/salesreceipt", body).SalesReceipt;
    const dup = fault("POST", "/salesreceipt", body);
    expect(dup).toMatchObject({ code: "6140", Message: "Duplicate Document Number Error", element: "DocNumber" });
    expect(dup.Detail).toContain(`DocNumber=MP-7 is assigned to TxnType=SalesReceipt with TxnId=${first.Id}`);
    expect(call("POST", "/salesreceipt", body, { include: "allowduplicatedocnum" }).status).toBe(200);
    // Another type may reuse it; a document keeps its own number on update.
    expect(call("POST", "/refundreceipt", { ...body, DepositToAccountRef: { value: idOf("Account", "Undeposited Funds") } }).status).toBe(200);
    expect(call("POST", "/salesreceipt", { Id: first.Id, SyncToken: first.SyncToken, sparse: true, PrivateNote: "same number" }).status).toBe(200);
    const batch = call("POST", "/batch", { BatchItemRequest: [
      { bId: "a", operation: "create", SalesReceipt: body },
      { bId: "b", operation: "create", optionsData: "allowduplicatedocnum", SalesReceipt: body },
    ] });
    const items = (batch.body as Json).BatchItemResponse as Json[];
    expect(items[0].Fault.Error[0].code).toBe("6140");
    expect(items[1].SalesReceipt.DocNumber).toBe("MP-7");
  });
});

describe("deposits", () => {
  function setup() {
    const c = company();
    const hst = c.idOf("TaxCode", "HST ON");
    const sale = c.ok("POST", "/salesreceipt", { GlobalTaxCalculation: "TaxExcluded", Line: [line(100, hst)] }).SalesReceipt;
    const refund = c.ok("POST", "/refundreceipt", { DepositToAccountRef: { value: c.idOf("Account", "Undeposited Funds") }, GlobalTaxCalculation: "TaxExcluded", Line: [line(50, hst)] }).RefundReceipt;
    const bank = c.idOf("Account", "Chequing");
    const fees = c.idOf("Account", "Bank Charges");
    return { ...c, sale, refund, bank, fees };
  }
  const link = (txn: Json, type: string, amount: number) => ({ Amount: amount, LinkedTxn: [{ TxnId: txn.Id, TxnType: type, TxnLineId: "0" }] });
  const fee = (account: string, amount: number) => ({ DetailType: "DepositLineDetail", Amount: amount, Description: "Processing fee", DepositLineDetail: { AccountRef: { value: account } } });

  it("moves linked receipts out of Undeposited Funds into the bank; fee lines hit the expense account", () => {
    const { ok, balance, sale, refund, bank, fees } = setup();
    expect(balance("Undeposited Funds")).toBe(56.5);
    const dep = ok("POST", "/deposit", { DepositToAccountRef: { value: bank }, Line: [link(sale, "SalesReceipt", 113), link(refund, "RefundReceipt", -56.5), fee(fees, -2.5)] }).Deposit;
    expect(dep.TotalAmt).toBe(54);
    expect([balance("Undeposited Funds"), balance("Chequing"), balance("Bank Charges")]).toEqual([0, 54, 2.5]);
    expect(ok("GET", `/salesreceipt/${sale.Id}`).SalesReceipt.LinkedTxn).toEqual([{ TxnId: dep.Id, TxnType: "Deposit" }]);
    // Transaction Ids come from one sequence across types.
    expect(new Set([sale.Id, refund.Id, dep.Id]).size).toBe(3);
  });

  it("links each receipt once, only receipts in Undeposited Funds, and never to a negative total", () => {
    const { ok, fault, sale, refund, bank, fees, idOf } = setup();
    expect(fault("POST", "/deposit", { DepositToAccountRef: { value: bank }, Line: [link(refund, "RefundReceipt", -56.5)] })).toMatchObject({ code: "6000", Message: "A business validation error has occurred while processing your request" });
    expect(fault("POST", "/deposit", { DepositToAccountRef: { value: bank }, Line: [link(sale, "SalesReceipt", 113), link(sale, "SalesReceipt", 113)] }).code).toBe("6000");
    ok("POST", "/deposit", { DepositToAccountRef: { value: bank }, Line: [link(sale, "SalesReceipt", 113)] });
    expect(fault("POST", "/deposit", { DepositToAccountRef: { value: bank }, Line: [link(sale, "SalesReceipt", 113)] }).Detail).toContain("already been deposited");
    const direct = ok("POST", "/salesreceipt", { DepositToAccountRef: { value: bank }, GlobalTaxCalculation: "NotApplicable", Line: [line(5)] }).SalesReceipt;
    expect(fault("POST", "/deposit", { DepositToAccountRef: { value: bank }, Line: [link(direct, "SalesReceipt", 5)] }).Detail).toContain("Undeposited Funds");
    expect(fault("POST", "/deposit", { DepositToAccountRef: { value: bank }, Line: [link({ Id: "999" }, "SalesReceipt", 5)] }).code).toBe("2500");
    expect(fault("POST", "/deposit", { DepositToAccountRef: { value: fees }, Line: [fee(fees, 1)] }).Detail).toContain("Select a bank account");
    expect(fault("POST", "/deposit", { Line: [fee(fees, 1)] }).code).toBe("2020");
    expect(fault("POST", "/deposit", { DepositToAccountRef: { value: bank }, Line: [{ Amount: 3 }] })).toMatchObject({ code: "2020", element: "Line.DepositLineDetail.AccountRef", Detail: "Required parameter Line.DepositLineDetail.AccountRef is missing in the request" });
    expect(fault("POST", "/deposit", { DepositToAccountRef: { value: bank }, Line: [fee(fees, -1)] }).code).toBe("6000");
    // A zero total is allowed (it still clears the receipts).
    expect(ok("POST", "/deposit", { DepositToAccountRef: { value: idOf("Account", "Savings") }, Line: [fee(fees, 0)] }).Deposit.TotalAmt).toBe(0);
  });

  it("locks deposited receipts (6540) until the deposit is deleted", () => {
    const { ok, fault, call, sale, bank, balance } = setup();
    const dep = ok("POST", "/deposit", { DepositToAccountRef: { value: bank }, Line: [link(sale, "SalesReceipt", 113)] }).Deposit;
    expect(fault("POST", "/salesreceipt", { Id: sale.Id, SyncToken: sale.SyncToken, sparse: true, PrivateNote: "edit" }).code).toBe("6540");
    expect(fault("POST", "/salesreceipt", { Id: sale.Id, SyncToken: sale.SyncToken }, { operation: "void" }).code).toBe("6540");
    // Updating the deposit itself with the same links is fine.
    const again = ok("POST", "/deposit", { Id: dep.Id, SyncToken: dep.SyncToken, DepositToAccountRef: { value: bank }, Line: [link(sale, "SalesReceipt", 113)], PrivateNote: "renamed" }).Deposit;
    expect(again.SyncToken).toBe("1");
    expect(call("POST", "/deposit", { Id: dep.Id, SyncToken: "1" }, { operation: "delete" }).status).toBe(200);
    expect(balance("Chequing")).toBe(0);
    expect(balance("Undeposited Funds")).toBe(56.5);
    expect(ok("POST", "/salesreceipt", { Id: sale.Id, SyncToken: sale.SyncToken, sparse: true, PrivateNote: "edit" }).SalesReceipt.PrivateNote).toBe("edit");
  });
});

describe("purchases and journal entries", () => {
  it("a purchase from the bank reduces it and debits the expense (recovering HST outside the US)", () => {
    const { ok, fault, idOf, balance } = company();
    const bank = idOf("Account", "Chequing");
    const office = idOf("Account", "Office Expenses");
    const expense = (amount: number, extra: Json = {}) => ({ DetailType: "AccountBasedExpenseLineDetail", Amount: amount, AccountBasedExpenseLineDetail: { AccountRef: { value: office }, ...extra } });
    ok("POST", "/purchase", { AccountRef: { value: bank }, PaymentType: "Cash", Line: [expense(30)] });
    expect([balance("Chequing"), balance("Office Expenses")]).toEqual([-30, 30]);
    const taxed = ok("POST", "/purchase", { AccountRef: { value: bank }, PaymentType: "Check", GlobalTaxCalculation: "TaxExcluded", Line: [expense(100, { TaxCodeRef: { value: idOf("TaxCode", "HST ON") } })] }).Purchase;
    expect(taxed.TotalAmt).toBe(113);
    expect([balance("Chequing"), balance("Office Expenses"), balance("GST/HST Payable")]).toEqual([-143, 130, -13]);
    expect(fault("POST", "/purchase", { AccountRef: { value: bank }, Line: [expense(1)] }).code).toBe("2020");
    expect(fault("POST", "/purchase", { AccountRef: { value: bank }, PaymentType: "CreditCard", Line: [expense(1)] }).code).toBe("6000");
  });

  it("a journal entry must balance and posts as given", () => {
    const { ok, fault, idOf, balance } = company();
    const jl = (type: string, account: string, amount: number, extra: Json = {}) => ({ DetailType: "JournalEntryLineDetail", Amount: amount, JournalEntryLineDetail: { PostingType: type, AccountRef: { value: idOf("Account", account) }, ...extra } });
    expect(fault("POST", "/journalentry", { Line: [jl("Debit", "Savings", 10), jl("Credit", "Owner's Equity", 9)] }).code).toBe("6000");
    expect(fault("POST", "/journalentry", { Line: [jl("Debit", "Accounts Receivable (A/R)", 10), jl("Credit", "Services", 10)] }).code).toBe("6000");
    expect(fault("POST", "/journalentry", { Line: [jl("Sideways", "Savings", 10)] }).code).toBe("2170");
    const je = ok("POST", "/journalentry", { DocNumber: "JE-1", Line: [jl("Debit", "Savings", 250), jl("Credit", "Owner's Equity", 250)] }).JournalEntry;
    expect(je.TotalAmt).toBe(250);
    expect([balance("Savings"), balance("Owner's Equity")]).toEqual([250, 250]);
  });
});

describe("closed books", () => {
  it("refuses to create, change or delete transactions dated before the closing date (6210)", () => {
    const { books, ok, fault, call, idOf } = company();
    const gst = idOf("TaxCode", "GST");
    const early = ok("POST", "/salesreceipt", { TxnDate: "2026-01-15", GlobalTaxCalculation: "TaxExcluded", Line: [line(10, gst)] }).SalesReceipt;
    books.closedBefore = "2026-03-01";
    expect(fault("POST", "/salesreceipt", { TxnDate: "2026-02-28", GlobalTaxCalculation: "TaxExcluded", Line: [line(10, gst)] })).toMatchObject({ code: "6210", Message: "Account Period Closed" });
    expect(call("POST", "/salesreceipt", { TxnDate: "2026-03-01", GlobalTaxCalculation: "TaxExcluded", Line: [line(10, gst)] }).status).toBe(200);
    expect(fault("POST", "/salesreceipt", { Id: early.Id, SyncToken: "0", sparse: true, PrivateNote: "late edit" }).code).toBe("6210");
    expect(fault("POST", "/salesreceipt", { Id: early.Id, SyncToken: "0" }, { operation: "delete" }).code).toBe("6210");
    expect(fault("POST", "/salesreceipt", { Id: early.Id, SyncToken: "0" }, { operation: "void" }).code).toBe("6210");
    // Name lists are not dated: still editable.
    expect(call("POST", "/customer", { DisplayName: "After close" }).status).toBe(200);
  });
});

describe("read, then write back", () => {
  it.each(["CA", "US"] as const)("a full update with the entity as read succeeds and changes nothing but SyncToken (%s)", (country) => {
    const { ok, idOf, balance } = company(country);
    const us = country === "US";
    const tax = us ? { TxnTaxDetail: { TxnTaxCodeRef: { value: idOf("TaxCode", "NYC") } } } : { GlobalTaxCalculation: "TaxExcluded" };
    const code = us ? "TAX" : idOf("TaxCode", "HST ON");
    const bank = idOf("Account", us ? "Checking" : "Chequing");
    const sr = ok("POST", "/salesreceipt", { ...tax, Line: [line(10, code)] }).SalesReceipt;
    const dep = ok("POST", "/deposit", { DepositToAccountRef: { value: bank }, Line: [{ Amount: sr.TotalAmt, LinkedTxn: [{ TxnId: sr.Id, TxnType: "SalesReceipt", TxnLineId: "0" }] }] }).Deposit;
    const rr = ok("POST", "/refundreceipt", { ...tax, DepositToAccountRef: { value: bank }, Line: [line(4, code)] }).RefundReceipt;
    const pu = ok("POST", "/purchase", { AccountRef: { value: bank }, PaymentType: "Cash", Line: [{ DetailType: "AccountBasedExpenseLineDetail", Amount: 3, AccountBasedExpenseLineDetail: { AccountRef: { value: idOf("Account", "Office Expenses") } } }] }).Purchase;
    const before = balance(us ? "Checking" : "Chequing");
    for (const [entity, id] of [["Deposit", dep.Id], ["RefundReceipt", rr.Id], ["Purchase", pu.Id], ["Account", bank], ["Item", "1"]] as const) {
      const read = ok("GET", `/${entity.toLowerCase()}/${id}`)[entity];
      const written = ok("POST", `/${entity.toLowerCase()}`, read)[entity];
      expect(written.SyncToken).toBe(String(Number(read.SyncToken) + 1));
      if ("TotalAmt" in read) expect(written.TotalAmt).toBe(read.TotalAmt);
    }
    expect(balance(us ? "Checking" : "Chequing")).toBe(before);
  });
});
