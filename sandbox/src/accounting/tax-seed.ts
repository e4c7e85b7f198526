/**
 * Sales tax a new company starts with, named as QuickBooks names them.
 * Canada: GST 5 %, HST by province (ON 13 %; NB, NL, PE 15 %; NS 14 % since 2025-04-01),
 * QST 9.975 % (combined with GST as "GST/QST QC - 9.975"), PST BC 7 %, MB 7 %, SK 6 %, and the
 * 0 % codes Exempt, Zero-rated and Out of Scope. US: TAX/NON pseudo codes plus a few rate codes.
 */
import type { CompanyBooks } from "./books";
import { insertSeed, seedAccount } from "./seed";

interface AgencySeed { key: string; name: string; liability: string }
interface RateSeed { key: string; name: string; agency: string; percent: number; special?: "ZERO_RATE" | "NONE" }
interface CodeSeed { name: string; description: string; rates: string[]; purchase?: boolean }

const CA_AGENCIES: AgencySeed[] = [
  { key: "CRA", name: "Canada Revenue Agency", liability: "GST/HST Payable" },
  { key: "RQ", name: "Revenu Québec", liability: "QST Payable" },
  { key: "BC", name: "Minister of Finance (BC)", liability: "PST Payable (BC)" },
  { key: "MB", name: "Manitoba Finance", liability: "PST Payable (MB)" },
  { key: "SK", name: "Saskatchewan Finance", liability: "PST Payable (SK)" },
];

const CA_RATES: RateSeed[] = [
  { key: "GST", name: "GST", agency: "CRA", percent: 5 },
  { key: "HST ON", name: "HST ON", agency: "CRA", percent: 13 },
  { key: "HST NB", name: "HST NB 2016", agency: "CRA", percent: 15 },
  { key: "HST NL", name: "HST NL 2016", agency: "CRA", percent: 15 },
  { key: "HST NS", name: "HST NS 2025", agency: "CRA", percent: 14 },
  { key: "HST PE", name: "HST PE 2016", agency: "CRA", percent: 15 },
  { key: "QST", name: "QST", agency: "RQ", percent: 9.975 },
  { key: "PST BC", name: "PST BC", agency: "BC", percent: 7 },
  { key: "PST MB", name: "PST MB", agency: "MB", percent: 7 },
  { key: "PST SK", name: "PST SK", agency: "SK", percent: 6 },
  { key: "Exempt", name: "Exempt", agency: "CRA", percent: 0, special: "NONE" },
  { key: "Zero-rated", name: "Zero-rated", agency: "CRA", percent: 0, special: "ZERO_RATE" },
  { key: "Out of Scope", name: "Out of Scope", agency: "CRA", percent: 0, special: "NONE" },
];

const CA_CODES: CodeSeed[] = [
  { name: "GST", description: "GST", rates: ["GST"], purchase: true },
  { name: "HST ON", description: "HST ON", rates: ["HST ON"], purchase: true },
  { name: "HST NB 2016", description: "HST NB 2016", rates: ["HST NB"], purchase: true },
  { name: "HST NL 2016", description: "HST NL 2016", rates: ["HST NL"], purchase: true },
  { name: "HST NS 2025", description: "HST NS 2025", rates: ["HST NS"], purchase: true },
  { name: "HST PE 2016", description: "HST PE 2016", rates: ["HST PE"], purchase: true },
  { name: "GST/QST QC - 9.975", description: "GST/QST QC - 9.975", rates: ["GST", "QST"], purchase: true },
  { name: "PST BC", description: "PST BC", rates: ["PST BC"] },
  { name: "GST/PST BC", description: "GST/PST BC", rates: ["GST", "PST BC"] },
  { name: "PST MB", description: "PST MB", rates: ["PST MB"] },
  { name: "GST/PST MB", description: "GST/PST MB", rates: ["GST", "PST MB"] },
  { name: "PST SK", description: "PST SK", rates: ["PST SK"] },
  { name: "GST/PST SK", description: "GST/PST SK", rates: ["GST", "PST SK"] },
  { name: "Exempt", description: "Exempt", rates: ["Exempt"], purchase: true },
  { name: "Zero-rated", description: "Zero-rated", rates: ["Zero-rated"], purchase: true },
  { name: "Out of Scope", description: "Out of Scope", rates: ["Out of Scope"], purchase: true },
];

/** State base rates for the code the Automated Sales Tax engine picks (a stand-in for address lookup). */
const US_STATE_RATES: Record<string, number> = {
  AL: 4, AZ: 5.6, AR: 6.5, CA: 7.25, CO: 2.9, CT: 6.35, FL: 6, GA: 4, HI: 4, ID: 6, IL: 6.25, IN: 7, IA: 6, KS: 6.5,
  KY: 6, LA: 4.45, ME: 5.5, MD: 6, MA: 6.25, MI: 6, MN: 6.875, MS: 7, MO: 4.225, NE: 5.5, NV: 6.85, NJ: 6.625,
  NM: 4.875, NY: 4, NC: 4.75, ND: 5, OH: 5.75, OK: 4.5, PA: 6, RI: 7, SC: 6, SD: 4.2, TN: 7, TX: 6.25, UT: 6.1,
  VT: 6, VA: 5.3, WA: 6.5, WV: 6, WI: 5, WY: 4, DC: 6,
};

export function seedTax(books: CompanyBooks, now: Date): void {
  if (books.country === "CA") seedCanada(books, now);
  else seedUnitedStates(books, now);
}

function seedAgencies(books: CompanyBooks, now: Date, agencies: AgencySeed[], sharedLiability?: string): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const a of agencies) {
    const id = insertSeed(books, "TaxAgency", {
      DisplayName: a.name,
      TaxTrackedOnSales: true,
      TaxTrackedOnPurchases: books.country === "CA",
    }, now);
    ids[a.key] = id;
    books.taxLiabilityAccounts[id] = sharedLiability
      ?? seedAccount(books, now, { name: a.liability, type: "Other Current Liability", subType: "GlobalTaxPayable" });
  }
  return ids;
}

function seedRates(books: CompanyBooks, now: Date, rates: RateSeed[], agencies: Record<string, string>): Record<string, { id: string; name: string }> {
  const ids: Record<string, { id: string; name: string }> = {};
  for (const r of rates) {
    const id = insertSeed(books, "TaxRate", {
      Name: r.name,
      Description: r.name,
      Active: true,
      RateValue: r.percent,
      AgencyRef: { value: agencies[r.agency] },
      SpecialTaxType: r.special ?? "NONE",
      DisplayType: "ReadOnly",
      EffectiveTaxRate: [{ RateValue: r.percent, EffectiveDate: "2016-01-01T00:00:00-08:00" }],
    }, now);
    ids[r.key] = { id, name: r.name };
  }
  return ids;
}

function rateList(keys: string[], rates: Record<string, { id: string; name: string }>) {
  return { TaxRateDetail: keys.map((k) => ({ TaxRateRef: { value: rates[k].id, name: rates[k].name }, TaxTypeApplicable: "TaxOnAmount", TaxOrder: 0 })) };
}

function seedCodes(books: CompanyBooks, now: Date, codes: CodeSeed[], rates: Record<string, { id: string; name: string }>): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const c of codes) {
    ids[c.name] = insertSeed(books, "TaxCode", {
      Name: c.name,
      Description: c.description,
      Active: true,
      Hidden: false,
      Taxable: true,
      TaxGroup: true,
      SalesTaxRateList: rateList(c.rates, rates),
      PurchaseTaxRateList: rateList(c.purchase ? c.rates : [], rates),
      TaxCodeConfigType: "SYSTEM_GENERATED",
    }, now);
  }
  return ids;
}

function seedCanada(books: CompanyBooks, now: Date): void {
  const agencies = seedAgencies(books, now, CA_AGENCIES);
  const rates = seedRates(books, now, CA_RATES, agencies);
  seedCodes(books, now, CA_CODES, rates);
  books.systemAccounts.salesTaxPayable = books.taxLiabilityAccounts[agencies.CRA];
}

function seedUnitedStates(books: CompanyBooks, now: Date): void {
  const payable = books.systemAccounts.salesTaxPayable;
  const stateAgency = { key: "STATE", name: `${books.region} Department of Revenue`, liability: "" };
  const agencyList: AgencySeed[] = [
    { key: "NY", name: "New York State Department of Taxation and Finance", liability: "" },
    { key: "CA", name: "California Department of Tax and Fee Administration", liability: "" },
    ...(books.region === "NY" || books.region === "CA" ? [] : [stateAgency]),
  ];
  const agencies = seedAgencies(books, now, agencyList, payable);
  const rateSeeds: RateSeed[] = [
    { key: "NY State", name: "NY State", agency: "NY", percent: 4 },
    { key: "NYC", name: "NYC", agency: "NY", percent: 4.5 },
    { key: "MCTD", name: "MCTD", agency: "NY", percent: 0.375 },
    { key: "California", name: "California", agency: "CA", percent: 7.25 },
  ];
  if (agencies.STATE) rateSeeds.push({ key: "STATE", name: books.region, agency: "STATE", percent: US_STATE_RATES[books.region] ?? 5 });
  const rates = seedRates(books, now, rateSeeds, agencies);
  // The pseudo codes: lines say TAX or NON; the transaction names the rate code.
  for (const [id, taxable] of [["TAX", true], ["NON", false]] as const) {
    insertSeed(books, "TaxCode", { Name: id, Description: id === "TAX" ? "TAX" : "NON", Active: true, Hidden: false, Taxable: taxable, TaxGroup: false }, now, id);
  }
  const codes = seedCodes(books, now, [
    { name: "NY State", description: "New York State", rates: ["NY State"] },
    { name: "NYC", description: "New York City", rates: ["NY State", "NYC", "MCTD"] },
    { name: "California", description: "California", rates: ["California"] },
    ...(agencies.STATE ? [{ name: books.region, description: `${books.region} state sales tax`, rates: ["STATE"] }] : []),
  ], rates);
  if (books.automatedSalesTax) {
    books.astTaxCodeId = books.region === "NY" ? codes["NY State"] : books.region === "CA" ? codes.California : codes[books.region];
  }
}
