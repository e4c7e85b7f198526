import { type CompanyBooks, type Country, type Entity, nextId, table } from "./books";
import { classificationOf } from "./entities/account-types";
import { seedCompany } from "./entities/company";
import { seedTax } from "./tax-seed";
import { qboDate, qboDateTime } from "./time";

/** Stores a seeded entity with the system fields QuickBooks gives it; returns its Id. */
export function insertSeed(books: CompanyBooks, entity: string, fields: Record<string, unknown>, now: Date, id?: string): string {
  const Id = id ?? nextId(books, entity);
  const time = qboDateTime(now);
  const row: Entity = { ...fields, domain: "QBO", sparse: false, Id, SyncToken: "0", MetaData: { CreateTime: time, LastUpdatedTime: time } };
  table(books, entity)[Id] = row;
  return Id;
}

export const CURRENCY: Record<Country, { value: string; name: string }> = {
  CA: { value: "CAD", name: "Canadian Dollar" },
  US: { value: "USD", name: "United States Dollar" },
};

interface SeedAccount {
  role?: keyof CompanyBooks["systemAccounts"];
  name: string;
  type: string;
  subType: string;
}

/** The chart of accounts a new QuickBooks company starts with (the part the books need). */
function chartOfAccounts(country: Country): SeedAccount[] {
  const ca = country === "CA";
  return [
    { name: ca ? "Chequing" : "Checking", type: "Bank", subType: "Checking" },
    { name: "Savings", type: "Bank", subType: "Savings" },
    { role: "undepositedFunds", name: "Undeposited Funds", type: "Other Current Asset", subType: "UndepositedFunds" },
    { role: "accountsReceivable", name: "Accounts Receivable (A/R)", type: "Accounts Receivable", subType: "AccountsReceivable" },
    { name: "Prepaid Expenses", type: "Other Current Asset", subType: "PrepaidExpenses" },
    { name: "Accounts Payable (A/P)", type: "Accounts Payable", subType: "AccountsPayable" },
    { name: ca ? "Visa" : "Credit Card", type: "Credit Card", subType: "CreditCard" },
    ...(ca ? [] : [{ role: "salesTaxPayable" as const, name: "Sales Tax Payable", type: "Other Current Liability", subType: "SalesTaxPayable" }]),
    { role: "openingBalanceEquity", name: "Opening Balance Equity", type: "Equity", subType: "OpeningBalanceEquity" },
    { role: "retainedEarnings", name: "Retained Earnings", type: "Equity", subType: "RetainedEarnings" },
    { name: "Owner's Equity", type: "Equity", subType: "OwnersEquity" },
    { name: "Sales of Product Income", type: "Income", subType: "SalesOfProductIncome" },
    { name: "Services", type: "Income", subType: "ServiceFeeIncome" },
    { name: "Discounts given", type: "Income", subType: "DiscountsRefundsGiven" },
    { name: "Cost of Goods Sold", type: "Cost of Goods Sold", subType: "SuppliesMaterialsCogs" },
    { name: "Advertising", type: "Expense", subType: "AdvertisingPromotional" },
    { name: "Bank Charges", type: "Expense", subType: "BankCharges" },
    { name: "Commissions and fees", type: "Expense", subType: "CommissionsAndFees" },
    { name: "Office Expenses", type: "Expense", subType: "OfficeGeneralAdministrativeExpenses" },
    { name: "Rent or Lease", type: "Expense", subType: "RentOrLeaseOfBuildings" },
    { name: "Interest earned", type: "Other Income", subType: "InterestEarned" },
    { name: "Miscellaneous", type: "Other Expense", subType: "OtherMiscellaneousExpense" },
  ];
}

export function seedAccount(books: CompanyBooks, now: Date, a: { name: string; type: string; subType: string }): string {
  return insertSeed(books, "Account", {
    Name: a.name,
    SubAccount: false,
    FullyQualifiedName: a.name,
    Active: true,
    Classification: classificationOf(a.type),
    AccountType: a.type,
    AccountSubType: a.subType,
    CurrentBalance: 0,
    CurrentBalanceWithSubAccounts: 0,
    CurrencyRef: CURRENCY[books.country],
  }, now);
}

export function createCompanyBooks(input: { realmId: string; name: string; country: Country; region: string; automatedSalesTax?: boolean; now: Date }): CompanyBooks {
  const { now } = input;
  const books: CompanyBooks = {
    realmId: input.realmId,
    name: input.name,
    country: input.country,
    region: input.region,
    // Automated Sales Tax exists only in the US.
    automatedSalesTax: input.country === "US" && Boolean(input.automatedSalesTax),
    closedBefore: null,
    createdOn: qboDate(now),
    entities: {},
    counters: {},
    journal: [],
    balances: {},
    deposited: {},
    voided: {},
    taxLiabilityAccounts: {},
    systemAccounts: { undepositedFunds: "", accountsReceivable: "", openingBalanceEquity: "", retainedEarnings: "", salesTaxPayable: "" },
    astTaxCodeId: null,
  };
  for (const account of chartOfAccounts(input.country)) {
    const id = seedAccount(books, now, account);
    if (account.role) books.systemAccounts[account.role] = id;
  }
  seedCompany(books, now);
  seedTax(books, now);
  seedNames(books, now);
  return books;
}

/** Items and payment methods every new company has. */
function seedNames(books: CompanyBooks, now: Date): void {
  const services = Object.values(books.entities.Account).find((a) => a.Name === "Services")!;
  insertSeed(books, "Item", {
    Name: "Services", FullyQualifiedName: "Services", Active: true, Type: "Service", Taxable: books.country === "US",
    UnitPrice: 0, IncomeAccountRef: { value: services.Id, name: "Services" }, TrackQtyOnHand: false,
  }, now);
  insertSeed(books, "Item", {
    Name: "Hours", FullyQualifiedName: "Hours", Active: true, Type: "Service", Taxable: false,
    UnitPrice: 0, IncomeAccountRef: { value: services.Id, name: "Services" }, TrackQtyOnHand: false,
  }, now);
  const methods: Array<[string, string]> = [
    ["Cash", "NON_CREDIT_CARD"], [books.country === "CA" ? "Cheque" : "Check", "NON_CREDIT_CARD"], ["Visa", "CREDIT_CARD"],
    ["MasterCard", "CREDIT_CARD"], ["American Express", "CREDIT_CARD"], ["Discover", "CREDIT_CARD"], ["Diners Club", "CREDIT_CARD"],
  ];
  for (const [Name, Type] of methods) insertSeed(books, "PaymentMethod", { Name, Active: true, Type }, now);
}
