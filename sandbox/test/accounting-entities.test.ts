import { describe, expect, it } from "vitest";
import { faultBody, handleAccountingRequest, listEntities, setEntityActive, type Country } from "../src/accounting";
import { directCompany, type Json, NOW } from "./accounting-helpers";

// Each suite builds its own company and calls the module directly (no HTTP).
function company(country: Country = "CA", region = country === "CA" ? "ON" : "NY") {
  return directCompany({ realmId: "9130", country, region });
}

describe("a new company", () => {
  it("starts with QuickBooks' default accounts, items and payment methods", () => {
    const { books } = company("CA");
    const accounts = listEntities(books, "Account") as Json[];
    const byName = (n: string) => accounts.find((a) => a.Name === n)!;
    expect(byName("Undeposited Funds")).toMatchObject({ AccountType: "Other Current Asset", AccountSubType: "UndepositedFunds", Classification: "Asset", CurrentBalance: 0 });
    expect(byName("Chequing")).toMatchObject({ AccountType: "Bank", AccountSubType: "Checking" });
    expect(byName("Savings")).toMatchObject({ AccountType: "Bank", AccountSubType: "Savings" });
    expect(byName("Sales of Product Income")).toMatchObject({ AccountType: "Income", Classification: "Revenue" });
    expect(byName("Services").AccountType).toBe("Income");
    expect(byName("Bank Charges")).toMatchObject({ AccountType: "Expense", AccountSubType: "BankCharges" });
    expect(byName("Office Expenses").Classification).toBe("Expense");
    expect(byName("Accounts Receivable (A/R)").AccountType).toBe("Accounts Receivable");
    expect(byName("GST/HST Payable").AccountType).toBe("Other Current Liability");
    expect((listEntities(books, "Item") as Json[]).map((i) => i.Name)).toContain("Services");
    expect((listEntities(books, "PaymentMethod") as Json[]).map((p) => p.Name)).toEqual(expect.arrayContaining(["Cash", "Cheque", "Visa", "MasterCard"]));
    expect(company("US").books.entities.Account["1"].Name).toBe("Checking");
  });

  it("gives Canadian companies GST, HST, QST and PST with their rates and agencies", () => {
    const { books } = company("CA", "QC");
    const codes = listEntities(books, "TaxCode") as Json[];
    const rates = listEntities(books, "TaxRate") as Json[];
    const rate = (name: string) => rates.find((r) => r.Name === name)!.RateValue;
    expect(codes.map((c) => c.Name)).toEqual(expect.arrayContaining(["GST", "HST ON", "GST/QST QC - 9.975", "GST/PST BC", "Exempt", "Zero-rated", "Out of Scope"]));
    expect([rate("GST"), rate("HST ON"), rate("QST"), rate("PST BC"), rate("PST MB"), rate("PST SK"), rate("HST NB 2016")]).toEqual([5, 13, 9.975, 7, 7, 6, 15]);
    const qc = codes.find((c) => c.Name === "GST/QST QC - 9.975")!;
    expect(qc.SalesTaxRateList.TaxRateDetail.map((d: Json) => d.TaxRateRef.name)).toEqual(["GST", "QST"]);
    expect((listEntities(books, "TaxAgency") as Json[]).map((a) => a.DisplayName)).toEqual(expect.arrayContaining(["Canada Revenue Agency", "Revenu Québec"]));
  });

  it("gives US companies TAX/NON pseudo codes and sales tax codes", () => {
    const { books } = company("US", "NY");
    const codes = listEntities(books, "TaxCode") as Json[];
    expect(codes.find((c) => c.Id === "TAX")).toMatchObject({ TaxGroup: false, Taxable: true });
    expect(codes.find((c) => c.Id === "NON")).toMatchObject({ TaxGroup: false, Taxable: false });
    const nyc = codes.find((c) => c.Name === "NYC")!;
    const rates = listEntities(books, "TaxRate") as Json[];
    const total = nyc.SalesTaxRateList.TaxRateDetail.reduce((a: number, d: Json) => a + rates.find((r) => r.Id === d.TaxRateRef.value)!.RateValue, 0);
    expect(total).toBeCloseTo(8.875, 6);
  });

  it("serves CompanyInfo and Preferences", () => {
    const { ok, books } = company("CA", "BC");
    const info = ok("GET", `/companyinfo/${books.realmId}`).CompanyInfo;
    expect(info).toMatchObject({ CompanyName: "Test Co", Country: "CA", LegalAddr: { CountrySubDivisionCode: "BC", Country: "CAN" } });
    const prefs = ok("GET", "/preferences").Preferences;
    expect(prefs.CurrencyPrefs.HomeCurrency.value).toBe("CAD");
    expect(prefs.TaxPrefs.UsingSalesTax).toBe(true);
    books.closedBefore = "2026-01-01";
    expect(ok("GET", "/preferences").Preferences.AccountingInfoPrefs.BookCloseDate).toBe("2025-12-31");
    expect(company("US").ok("GET", "/preferences").Preferences.CurrencyPrefs.HomeCurrency.value).toBe("USD");
  });
});

describe("create, read, update", () => {
  it("creates a customer with Id, SyncToken, MetaData and the QuickBooks envelope", () => {
    const { call, ok } = company();
    const res = call("POST", "/customer", { DisplayName: "Maple Walk-in", PrimaryEmailAddr: { Address: "a@b.ca" } }, { minorversion: "65" });
    expect(res.status).toBe(200);
    const body = res.body as Json;
    expect(body.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[-+]\d{2}:\d{2}$/);
    expect(body.Customer).toMatchObject({ Id: "1", SyncToken: "0", domain: "QBO", sparse: false, Active: true, DisplayName: "Maple Walk-in" });
    expect(body.Customer.MetaData.CreateTime).toBe(body.Customer.MetaData.LastUpdatedTime);
    expect(res.changes).toEqual([{ entity: "Customer", id: "1", operation: "Create" }]);
    expect(ok("GET", "/customer/1").Customer.DisplayName).toBe("Maple Walk-in");
  });

  it("sparse update changes only what is sent; full update clears what is left out", () => {
    const { ok } = company();
    const c = ok("POST", "/customer", { DisplayName: "A", CompanyName: "A Inc", Notes: "n" }).Customer;
    const sparse = ok("POST", "/customer", { Id: c.Id, SyncToken: "0", sparse: true, Notes: "changed" }).Customer;
    expect(sparse).toMatchObject({ SyncToken: "1", CompanyName: "A Inc", Notes: "changed" });
    const full = ok("POST", "/customer", { Id: c.Id, SyncToken: "1", DisplayName: "A" }, { operation: "update" }).Customer;
    expect(full.SyncToken).toBe("2");
    expect(full.CompanyName).toBeUndefined();
  });

  it("refuses a stale SyncToken with 5010", () => {
    const { ok, fault } = company();
    const c = ok("POST", "/customer", { DisplayName: "A" }).Customer;
    ok("POST", "/customer", { Id: c.Id, SyncToken: "0", sparse: true, Notes: "x" });
    const err = fault("POST", "/customer", { Id: c.Id, SyncToken: "0", sparse: true, Notes: "y" });
    expect(err).toMatchObject({ code: "5010", Message: "Stale Object Error" });
  });

  it("requires SyncToken on update (2020) and answers 610 for an unknown id", () => {
    const { ok, fault } = company();
    const c = ok("POST", "/customer", { DisplayName: "A" }).Customer;
    expect(fault("POST", "/customer", { Id: c.Id, sparse: true, Notes: "x" }).code).toBe("2020");
    expect(fault("POST", "/customer", { Id: "999", SyncToken: "0", sparse: true }).code).toBe("610");
    expect(fault("GET", "/customer/999").code).toBe("610");
  });

  it("requires a name: 6080 for a customer, 2020 for accounts and items", () => {
    const { fault, ok } = company();
    expect(fault("POST", "/customer", { Notes: "no name" }).code).toBe("6080");
    expect(ok("POST", "/customer", { GivenName: "Ada", FamilyName: "Lovelace" }).Customer.DisplayName).toBe("Ada Lovelace");
    expect(fault("POST", "/account", { AccountType: "Bank" })).toMatchObject({ code: "2020", Message: "Required param missing, need to supply the required value for the API" });
    expect(fault("POST", "/item", { Name: "No type" }).code).toBe("2020");
    expect(fault("POST", "/item", { Name: "No income", Type: "Service" })).toMatchObject({ code: "2020", element: "IncomeAccountRef" });
  });

  it("keeps DisplayName unique across customers (6240, case-insensitively)", () => {
    const { ok, fault } = company();
    ok("POST", "/customer", { DisplayName: "Walk-in" });
    expect(fault("POST", "/customer", { DisplayName: "walk-in" })).toMatchObject({ code: "6240", Message: "Duplicate Name Exists Error" });
  });

  it("applies the Account name rules: no colon or quote, at most 100 characters, unique", () => {
    const { ok, fault } = company();
    expect(fault("POST", "/account", { Name: "Bad:Name", AccountType: "Expense" }).element).toBe("Name");
    expect(fault("POST", "/account", { Name: 'Bad "Name"', AccountType: "Expense" }).element).toBe("Name");
    expect(fault("POST", "/account", { Name: "x".repeat(101), AccountType: "Expense" }).code).toBe("2050");
    expect(fault("POST", "/account", { Name: "Bank Charges", AccountType: "Expense" }).code).toBe("6240");
    const acct = ok("POST", "/account", { Name: "Processor Fees", AccountType: "Expense" }).Account;
    expect(acct).toMatchObject({ AccountSubType: "Travel", Classification: "Expense", FullyQualifiedName: "Processor Fees", CurrentBalance: 0 });
    expect(ok("POST", "/account", { Name: "Card Fees", AccountSubType: "BankCharges" }).Account.AccountType).toBe("Expense");
    expect(fault("POST", "/account", { Name: "No type" }).code).toBe("6010");
    expect(fault("POST", "/account", { Name: "Wrong", AccountType: "Bank", AccountSubType: "BankCharges" }).code).toBe("6010");
    expect(fault("POST", "/account", { Name: "Enum", AccountType: "Piggy Bank" }).code).toBe("2170");
  });

  it("makes sub-accounts with a fully qualified name", () => {
    const { ok, idOf } = company();
    const sub = ok("POST", "/account", { Name: "Stripe", AccountType: "Expense", AccountSubType: "BankCharges", ParentRef: { value: idOf("Account", "Bank Charges") } }).Account;
    expect(sub).toMatchObject({ SubAccount: true, FullyQualifiedName: "Bank Charges:Stripe" });
  });

  it("checks string lengths with 2050", () => {
    const { fault } = company();
    const err = fault("POST", "/customer", { DisplayName: "A", Notes: "n".repeat(2001) });
    expect(err).toMatchObject({ code: "2050", Message: "String length is either shorter or longer than supported by specification", element: "Notes" });
    expect(err.Detail).toContain("Max:2,000");
  });

  it("creates items and payment methods; unknown references are 2500", () => {
    const { ok, fault, idOf } = company();
    const item = ok("POST", "/item", { Name: "Card sales", Type: "Service", IncomeAccountRef: { value: idOf("Account", "Sales of Product Income") } }).Item;
    expect(item).toMatchObject({ Type: "Service", IncomeAccountRef: { name: "Sales of Product Income" }, Active: true });
    expect(fault("POST", "/item", { Name: "Card sales 2", Type: "Service", IncomeAccountRef: { value: "9999" } })).toMatchObject({ code: "2500", Message: "Invalid Reference Id", Detail: "Invalid Reference Id : IncomeAccountRef", element: "IncomeAccountRef" });
    expect(fault("POST", "/salesreceipt", { GlobalTaxCalculation: "NotApplicable", Line: [{ DetailType: "SalesItemLineDetail", Amount: 1, SalesItemLineDetail: { ItemRef: { value: "999" } } }] })).toMatchObject({ code: "2500", Detail: "Invalid Reference Id : Line.SalesItemLineDetail.ItemRef", element: "Line.SalesItemLineDetail.ItemRef" });
    expect(fault("POST", "/item", { Name: "Card sales", Type: "Service", IncomeAccountRef: { value: "1" } }).code).toBe("6240");
    expect(ok("POST", "/paymentmethod", { Name: "Interac", Type: "NON_CREDIT_CARD" }).PaymentMethod.Type).toBe("NON_CREDIT_CARD");
    expect(fault("POST", "/paymentmethod", { Name: "Visa", Type: "CREDIT_CARD" }).code).toBe("6240");
    expect(fault("POST", "/paymentmethod", { Name: "Odd", Type: "CHEQUE" }).code).toBe("2170");
  });

  it("refers to inactive accounts, customers, items or tax codes only with 610", () => {
    const { books, ok, fault, idOf } = company();
    const income = idOf("Account", "Sales of Product Income");
    setEntityActive(books, "Account", income, false);
    expect(fault("POST", "/item", { Name: "X", Type: "Service", IncomeAccountRef: { value: income } })).toMatchObject({ code: "610", Message: "Object Not Found" });
    setEntityActive(books, "Account", income, true);
    const customer = ok("POST", "/customer", { DisplayName: "Gone" }).Customer;
    setEntityActive(books, "Customer", customer.Id, false);
    const hst = idOf("TaxCode", "HST ON");
    const line = (taxCode: string, item = "1") => ({ DetailType: "SalesItemLineDetail", Amount: 10, SalesItemLineDetail: { ItemRef: { value: item }, TaxCodeRef: { value: taxCode } } });
    expect(fault("POST", "/salesreceipt", { CustomerRef: { value: customer.Id }, GlobalTaxCalculation: "TaxExcluded", Line: [line(hst)] }).code).toBe("610");
    setEntityActive(books, "Item", "1", false);
    expect(fault("POST", "/salesreceipt", { GlobalTaxCalculation: "TaxExcluded", Line: [line(hst)] }).code).toBe("610");
    setEntityActive(books, "Item", "1", true);
    setEntityActive(books, "TaxCode", hst, false);
    expect(fault("POST", "/salesreceipt", { GlobalTaxCalculation: "TaxExcluded", Line: [line(hst)] }).code).toBe("610");
  });

  it("makes name-list entities inactive by update and refuses to delete them", () => {
    const { ok, fault, books } = company();
    const c = ok("POST", "/customer", { DisplayName: "Old" }).Customer;
    expect(fault("POST", "/customer", { Id: c.Id, SyncToken: "0" }, { operation: "delete" }).code).toBe("500");
    const inactive = ok("POST", "/customer", { Id: c.Id, SyncToken: "0", sparse: true, Active: false }).Customer;
    expect(inactive).toMatchObject({ Active: false, DisplayName: "Old (deleted)", FullyQualifiedName: "Old (deleted)" });
    // Still stored (and listed), just not active.
    expect((listEntities(books, "Customer") as Json[]).map((x) => x.Id)).toContain(c.Id);
  });

  it("renames inactive customers, items and accounts '(deleted)', freeing the name, and restores it on reactivation", () => {
    const { ok, books, idOf } = company();
    const c = ok("POST", "/customer", { DisplayName: "Card Customers" }).Customer;
    setEntityActive(books, "Customer", c.Id, false);
    expect(ok("GET", `/customer/${c.Id}`).Customer.DisplayName).toBe("Card Customers (deleted)");
    const again = ok("POST", "/customer", { DisplayName: "Card Customers" }).Customer;
    expect(again.Id).not.toBe(c.Id);
    // Its old name is taken now: reactivated, it keeps the suffix.
    const back = ok("POST", "/customer", { Id: c.Id, SyncToken: ok("GET", `/customer/${c.Id}`).Customer.SyncToken, sparse: true, Active: true }).Customer;
    expect(back).toMatchObject({ Active: true, DisplayName: "Card Customers (deleted)" });
    const fees = idOf("Account", "Bank Charges");
    setEntityActive(books, "Account", fees, false);
    expect(ok("GET", `/account/${fees}`).Account.Name).toBe("Bank Charges (deleted)");
    setEntityActive(books, "Account", fees, true);
    expect(ok("GET", `/account/${fees}`).Account).toMatchObject({ Name: "Bank Charges", Active: true });
  });

  it("treats TaxCode, TaxRate, TaxAgency as read-only", () => {
    const { ok, fault, idOf } = company();
    const gst = idOf("TaxCode", "GST");
    expect(ok("GET", `/taxcode/${gst}`).TaxCode.Name).toBe("GST");
    expect(ok("GET", "/taxrate/1").TaxRate.RateValue).toBe(5);
    expect(ok("GET", "/taxagency/1").TaxAgency.DisplayName).toBe("Canada Revenue Agency");
    expect(fault("POST", "/taxcode", { Name: "Mine" }).code).toBe("500");
  });

  it("answers 404 for paths it does not serve and lists throw for unknown entities", () => {
    const { call, books } = company();
    expect(call("GET", "/nosuchthing/1").status).toBe(404);
    expect(call("GET", "/SalesReceipt/1").status).toBe(404);
    expect(() => listEntities(books, "Invoice")).toThrow();
  });

  it("builds the Fault envelope QuickBooks sends", () => {
    expect(faultBody([{ code: "6000", message: "A business validation error has occurred while processing your request", detail: "Business Validation Error: x" }], undefined, NOW)).toEqual({
      Fault: { Error: [{ Message: "A business validation error has occurred while processing your request", Detail: "Business Validation Error: x", code: "6000", element: "" }], type: "ValidationFault" },
      time: "2026-03-10T10:00:00.000-07:00",
    });
  });

  it("keeps the books JSON-serializable", () => {
    const { books, ok } = company();
    ok("POST", "/customer", { DisplayName: "A" });
    const copy = JSON.parse(JSON.stringify(books));
    expect(copy).toEqual(books);
    const again = handleAccountingRequest(copy, { method: "POST", path: "/customer", query: new URLSearchParams(), body: { DisplayName: "B" }, now: NOW });
    expect((again.body as Json).Customer.Id).toBe("2");
  });

  it("continues transaction Ids above per-type counters of books saved before the shared sequence", () => {
    const { books, ok } = company();
    delete books.counters.Transaction;
    books.counters.SalesReceipt = 5;
    books.counters.Deposit = 7;
    const sr = ok("POST", "/salesreceipt", { GlobalTaxCalculation: "NotApplicable", Line: [{ DetailType: "SalesItemLineDetail", Amount: 1, SalesItemLineDetail: { ItemRef: { value: "1" } } }] }).SalesReceipt;
    expect(sr.Id).toBe("8");
  });
});
