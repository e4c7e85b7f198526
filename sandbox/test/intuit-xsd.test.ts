/**
 * Every entity the sandbox returns must use only elements Intuit's schema defines for its type,
 * with enumerated values from the schema. Realistic documents are created first, in a Canadian
 * and a US company, so computed parts (tax lines, linked transactions, sub-accounts) are covered.
 */
import { describe, expect, it } from "vitest";
import { createCompanyBooks, handleAccountingRequest, listEntities, setEntityActive, type Country } from "../src/accounting";
import { schemaPropertiesAreCurrent } from "./intuit-xsd-generate-properties";
import { checkAgainstSchema, loadIntuitSchema } from "./intuit-xsd-oracle";

const NOW = new Date("2026-03-10T17:00:00Z");
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ENTITIES = ["Account", "Customer", "Item", "PaymentMethod", "SalesReceipt", "RefundReceipt", "Deposit", "Purchase", "JournalEntry", "TaxCode", "TaxRate", "TaxAgency", "CompanyInfo", "Preferences"];

function populated(country: Country, region: string, automatedSalesTax = false) {
  const books = createCompanyBooks({ realmId: `xsd-${country}`, name: "Schema Co", country, region, automatedSalesTax, now: NOW });
  const responses: Json[] = [];
  const call = (method: "GET" | "POST", path: string, body?: unknown, query: Record<string, string> = {}): Json => {
    const res = handleAccountingRequest(books, { method, path, query: new URLSearchParams(query), body, now: NOW });
    responses.push(res.body as Json);
    return res.body as Json;
  };
  const ok = (method: "GET" | "POST", path: string, body?: unknown, query?: Record<string, string>): Json => {
    const body2 = call(method, path, body, query);
    if (body2.Fault) throw new Error(JSON.stringify(body2.Fault));
    return body2;
  };
  const idOf = (entity: string, name: string) => (listEntities(books, entity) as Json[]).find((e) => (e.Name ?? e.DisplayName) === name)!.Id as string;
  const us = country === "US";
  const taxCode = us ? "TAX" : idOf("TaxCode", region === "QC" ? "GST/QST QC - 9.975" : "HST ON");
  const uf = idOf("Account", "Undeposited Funds");
  const bank = idOf("Account", us ? "Checking" : "Chequing");
  const fees = ok("POST", "/account", { Name: "Card processing fees", AccountType: "Expense", AccountSubType: "BankCharges", ParentRef: { value: idOf("Account", "Bank Charges") }, Description: "Processor fees", AcctNum: "6010" }).Account;
  ok("POST", "/account", { Name: "Reserve", AccountType: "Other Current Asset", AccountSubType: "OtherCurrentAssets", OpeningBalance: 100, OpeningBalanceDate: "2026-01-01" });
  const customer = ok("POST", "/customer", { DisplayName: "Card Customers", GivenName: "Card", FamilyName: "Customers", CompanyName: "Walk-ins", PrimaryEmailAddr: { Address: "cards@example.com" }, PrimaryPhone: { FreeFormNumber: "555-0100" }, BillAddr: { Line1: "1 Main", City: "Town", CountrySubDivisionCode: region, PostalCode: "A1A 1A1" }, Notes: "default customer" }).Customer;
  const item = ok("POST", "/item", { Name: "Card sales", Type: "Service", IncomeAccountRef: { value: idOf("Account", "Sales of Product Income") }, Description: "Card sales", UnitPrice: 0, ...(us ? { Taxable: true } : { SalesTaxCodeRef: { value: taxCode } }) }).Item;
  const visa = idOf("PaymentMethod", "Visa");
  ok("POST", "/paymentmethod", { Name: "Interac", Type: "NON_CREDIT_CARD" });
  const salesLine = (amount: number, extra: Json = {}) => ({ DetailType: "SalesItemLineDetail", Amount: amount, Description: "Card sale", SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: amount, TaxCodeRef: { value: taxCode }, ServiceDate: "2026-03-01", ...extra } });
  const tax = us ? { TxnTaxDetail: { TxnTaxCodeRef: { value: idOf("TaxCode", "NYC") } } } : { GlobalTaxCalculation: "TaxExcluded" };
  const sale = ok("POST", "/salesreceipt", { DocNumber: "MP-1", TxnDate: "2026-03-02", PrivateNote: "mp_1", CustomerRef: { value: customer.Id }, PaymentMethodRef: { value: visa }, PaymentRefNum: "4242", CustomerMemo: { value: "Thanks" }, Line: [salesLine(100), { DetailType: "DescriptionOnly", Description: "note" }], ...tax }).SalesReceipt;
  const inclusive = us ? sale : ok("POST", "/salesreceipt", { GlobalTaxCalculation: "TaxInclusive", Line: [salesLine(8.85, { TaxInclusiveAmt: 10 })] }).SalesReceipt;
  const refund = ok("POST", "/refundreceipt", { DocNumber: "MP-R1", TxnDate: "2026-03-03", CustomerRef: { value: customer.Id }, DepositToAccountRef: { value: uf }, PaymentMethodRef: { value: visa }, PaymentType: "CreditCard", Line: [salesLine(20)], ...tax }).RefundReceipt;
  ok("POST", "/deposit", { TxnDate: "2026-03-04", PrivateNote: "settlement", DepositToAccountRef: { value: bank }, ...(us ? {} : { GlobalTaxCalculation: "NotApplicable" }), Line: [
    { Amount: sale.TotalAmt, LinkedTxn: [{ TxnId: sale.Id, TxnType: "SalesReceipt", TxnLineId: "0" }] },
    { Amount: -refund.TotalAmt, LinkedTxn: [{ TxnId: refund.Id, TxnType: "RefundReceipt", TxnLineId: "0" }] },
    { DetailType: "DepositLineDetail", Amount: -2.5, Description: "fee", DepositLineDetail: { AccountRef: { value: fees.Id }, PaymentMethodRef: { value: visa }, Entity: { value: customer.Id } } },
  ], CashBack: { AccountRef: { value: bank }, Amount: 1, Memo: "cash" } });
  ok("POST", "/purchase", { TxnDate: "2026-03-05", AccountRef: { value: bank }, PaymentType: "Check", EntityRef: { value: customer.Id }, ...(us ? {} : { GlobalTaxCalculation: "TaxExcluded" }), Line: [
    { DetailType: "AccountBasedExpenseLineDetail", Amount: 40, Description: "paper", AccountBasedExpenseLineDetail: { AccountRef: { value: idOf("Account", "Office Expenses") }, BillableStatus: "NotBillable", ...(us ? {} : { TaxCodeRef: { value: taxCode } }) } },
  ] });
  ok("POST", "/journalentry", { DocNumber: "JE-1", TxnDate: "2026-03-06", Adjustment: false, Line: [
    { DetailType: "JournalEntryLineDetail", Amount: 12, Description: "debit", JournalEntryLineDetail: { PostingType: "Debit", AccountRef: { value: idOf("Account", "Accounts Receivable (A/R)") }, Entity: { Type: "Customer", EntityRef: { value: customer.Id } } } },
    { DetailType: "JournalEntryLineDetail", Amount: 12, JournalEntryLineDetail: { PostingType: "Credit", AccountRef: { value: idOf("Account", "Sales of Product Income") } } },
    { DetailType: "DescriptionOnly", Description: "memo line" },
  ] });
  const voidable = ok("POST", "/salesreceipt", { Line: [salesLine(5)], ...tax }).SalesReceipt;
  ok("POST", "/salesreceipt", { Id: voidable.Id, SyncToken: voidable.SyncToken }, { operation: "void" });
  ok("POST", "/customer", { Id: customer.Id, SyncToken: customer.SyncToken, sparse: true, Notes: "updated" });
  setEntityActive(books, "Account", idOf("Account", "Savings"), false);
  expect(inclusive.TotalAmt).toBeGreaterThan(0);
  return { books, call, ok, responses };
}

describe("the Intuit XSD oracle", () => {
  it("loads Intuit's schemas with their entity types and enumerations", () => {
    const schema = loadIntuitSchema();
    for (const name of [...ENTITIES, "Line", "ReferenceType", "TxnTaxDetail", "IntuitResponse", "QueryResponse", "Report"]) expect(schema.complexTypes.has(name)).toBe(true);
    expect(schema.simpleTypes.get("GlobalTaxCalculationEnum")!.enumeration).toEqual(["TaxInclusive", "TaxExcluded", "NotApplicable"]);
  });

  it("catches an unknown property, a bad enum value, an array where one is due and a wrong simple type", () => {
    const problems = checkAgainstSchema("SalesReceipt", {
      Id: "1",
      Bogus: true,
      GlobalTaxCalculation: "TaxMaybe",
      CustomerRef: [{ value: "1" }],
      TotalAmt: "lots",
      Line: [{ DetailType: "SalesItemLineDetail", Amount: 1, SalesItemLineDetail: { ItemRef: { value: "1", nickname: "x" }, Qty: 1 } }],
    });
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringContaining("SalesReceipt.Bogus: property Bogus is not defined for SalesReceipt"),
      expect.stringContaining('SalesReceipt.GlobalTaxCalculation: value "TaxMaybe" is not in the enumeration of GlobalTaxCalculationEnum'),
      expect.stringContaining("SalesReceipt.CustomerRef: is an array"),
      expect.stringContaining('SalesReceipt.TotalAmt: "lots" is not a number'),
      expect.stringContaining("SalesReceipt.Line[0].SalesItemLineDetail.ItemRef.nickname: property nickname is not defined for ReferenceType"),
    ]));
    expect(problems).toHaveLength(5);
    expect(checkAgainstSchema("Account", { Name: "x", AccountType: "Bank", AccountSubType: "Chequing" })).toEqual([
      expect.stringContaining('Account.AccountSubType: value "Chequing" is not in the enumeration of AccountSubTypeEnum'),
    ]);
    expect(checkAgainstSchema("Account", { Name: "x", AccountType: "Bank", AccountSubType: "Checking", domain: "QBO", sparse: false })).toEqual([]);
    expect(() => checkAgainstSchema("NotAType", {})).toThrow();
  });
});

describe("requests with properties Intuit's schema does not define", () => {
  const books = createCompanyBooks({ realmId: "xsd-req", name: "Strict Co", country: "CA", region: "ON", now: NOW });
  const post = (path: string, body: unknown) => handleAccountingRequest(books, { method: "POST", path, query: new URLSearchParams(), body, now: NOW });

  it("are refused with 2010 in QuickBooks' wording, at any depth", () => {
    const top = post("/customer", { DisplayName: "A", Nickname: "a" });
    expect(top.status).toBe(400);
    expect((top.body as Json).Fault.Error[0]).toMatchObject({
      code: "2010",
      Message: "Request has invalid or unsupported property",
      Detail: 'Property Name:Unrecognized field "Nickname" (class com.intuit.schema.finance.v3.Customer), not marked as ignorable specified is unsupported or invalid',
    });
    const nested = post("/salesreceipt", { GlobalTaxCalculation: "NotApplicable", Line: [{ DetailType: "SalesItemLineDetail", Amount: 1, SalesItemLineDetail: { ItemRef: { value: "1" }, Colour: "red" } }] });
    expect((nested.body as Json).Fault.Error[0].Detail).toContain('"Colour" (class com.intuit.schema.finance.v3.SalesItemLineDetail)');
    // Inside a reference, unknown parts are ignored as QuickBooks ignores them.
    expect(post("/customer", { DisplayName: "Ref", PaymentMethodRef: { value: "1", Type: "x" } }).status).toBe(200);
    const batch = handleAccountingRequest(books, { method: "POST", path: "/batch", query: new URLSearchParams(), now: NOW, body: { BatchItemRequest: [{ bId: "1", operation: "create", Customer: { DisplayName: "B", Bogus: 1 } }] } });
    expect((batch.body as Json).BatchItemResponse[0].Fault.Error[0].code).toBe("2010");
  });

  it("come from a generated table that matches the XSDs", () => {
    expect(schemaPropertiesAreCurrent()).toBe(true);
  });
});

describe.each([
  ["Canada (Ontario)", "CA", "ON", false],
  ["Canada (Quebec)", "CA", "QC", false],
  ["United States", "US", "NY", false],
  ["United States with Automated Sales Tax", "US", "TX", true],
] as const)("sandbox JSON in %s conforms to Intuit's schema", (_label, country, region, ast) => {
  const company = populated(country, region, ast);

  it.each(ENTITIES)("every stored %s", (entity) => {
    const rows = listEntities(company.books, entity);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(checkAgainstSchema(entity, row)).toEqual([]);
  });

  it("every API response body (entity, delete, query, batch, fault envelopes) as an IntuitResponse", () => {
    // Its own company: the batch and the delete below would change what the stored-entity tests read.
    const { call, books, responses } = populated(country, region, ast);
    call("GET", `/companyinfo/${books.realmId}`);
    call("GET", "/query", undefined, { query: "select * from SalesReceipt" });
    call("GET", "/query", undefined, { query: "select count(*) from Account" });
    call("GET", "/query", undefined, { query: "select * from Account where AcctNum = '1'" });
    call("POST", "/batch", { BatchItemRequest: [
      { bId: "1", operation: "create", Customer: { DisplayName: "Batch person" } },
      { bId: "2", operation: "create", Customer: { DisplayName: "Batch person" } },
      { bId: "3", Query: "select * from TaxCode" },
    ] });
    const deposit = (listEntities(books, "Deposit") as Json[])[0];
    call("POST", "/deposit", { Id: deposit.Id, SyncToken: deposit.SyncToken }, { operation: "delete" });
    for (const body of responses) expect(checkAgainstSchema("IntuitResponse", body)).toEqual([]);
  });

  it("reports conform to Intuit's Report type", () => {
    for (const name of ["TrialBalance", "ProfitAndLoss", "BalanceSheet"]) {
      const res = handleAccountingRequest(company.books, { method: "GET", path: `/reports/${name}`, query: new URLSearchParams({ start_date: "2026-01-01", end_date: "2026-12-31" }), body: undefined, now: NOW });
      expect(checkAgainstSchema("Report", res.body)).toEqual([]);
    }
  });
});
