import type { CompanyBooks, Entity } from "../books";
import { CURRENCY, insertSeed } from "../seed";
import { addDays } from "../time";
import type { EntityDef } from "./types";

const ALPHA3 = { CA: "CAN", US: "USA" } as const;

/** CompanyInfo and Preferences of a new company (Id 1 each, as in QuickBooks). */
export function seedCompany(books: CompanyBooks, now: Date): void {
  const addr = { Id: "1", Line1: "100 Main Street", Country: ALPHA3[books.country], CountrySubDivisionCode: books.region };
  insertSeed(books, "CompanyInfo", {
    CompanyName: books.name,
    LegalName: books.name,
    CompanyAddr: addr,
    CustomerCommunicationAddr: addr,
    LegalAddr: addr,
    CompanyStartDate: books.createdOn,
    FiscalYearStartMonth: "January",
    Country: books.country,
    Email: { Address: "owner@example.com" },
    SupportedLanguages: "en",
    NameValue: [
      { Name: "NeoEnabled", Value: "true" },
      { Name: "OfferingSku", Value: "QuickBooks Online Plus" },
      { Name: "PayrollFeature", Value: "false" },
      { Name: "AccountantFeature", Value: "false" },
      { Name: "IsQbdtMigrated", Value: "false" },
    ],
  }, now, "1");
  insertSeed(books, "Preferences", {
    AccountingInfoPrefs: { TrackDepartments: false, DepartmentTerminology: "Location", ClassTrackingPerTxn: false, ClassTrackingPerTxnLine: false, CustomerTerminology: "Customers" },
    ProductAndServicesPrefs: { ForSales: true, ForPurchase: true, QuantityWithPriceAndRate: true, QuantityOnHand: true },
    SalesFormsPrefs: { CustomTxnNumbers: true, AllowDeposit: false, AllowDiscount: true, AllowEstimates: true, AllowShipping: false, AllowServiceDate: false, ETransactionEnabledStatus: "NotApplicable", IPNSupportEnabled: false },
    EmailMessagesPrefs: {},
    VendorAndPurchasesPrefs: { TrackingByCustomer: true, BillableExpenseTracking: true },
    TimeTrackingPrefs: { UseServices: true, BillCustomers: true, ShowBillRateToAll: false, WorkWeekStartDate: "Monday", MarkTimeEntriesBillable: true },
    TaxPrefs: books.country === "US"
      ? { UsingSalesTax: true, PartnerTaxEnabled: books.automatedSalesTax }
      : { UsingSalesTax: true },
    CurrencyPrefs: { MultiCurrencyEnabled: false, HomeCurrency: { value: CURRENCY[books.country].value } },
    ReportPrefs: { ReportBasis: "Accrual", CalcAgingReportFromTxnDate: false },
    OtherPrefs: { NameValue: [
      { Name: "SalesFormsPrefs.DefaultCustomerMessage", Value: "Thank you for your business." },
      { Name: "WarnDuplicateJournalNumber", Value: "false" },
      { Name: "AllowPartnerTaxOverride", Value: "true" },
    ] },
  }, now, "1");
  books.counters.CompanyInfo = 1;
  books.counters.Preferences = 1;
}

/** Preferences show the closing date: QuickBooks' BookCloseDate is the last closed day. */
function presentPreferences(books: CompanyBooks, entity: Entity): Entity {
  const prefs = entity.AccountingInfoPrefs as Record<string, unknown>;
  const withClose = { ...prefs };
  delete withClose.BookCloseDate;
  if (books.closedBefore) withClose.BookCloseDate = addDays(books.closedBefore, -1);
  return { ...entity, AccountingInfoPrefs: withClose };
}

function presentCompanyInfo(books: CompanyBooks, entity: Entity): Entity {
  return { ...entity, CompanyName: books.name };
}

export const companyInfoDef: EntityDef = {
  name: "CompanyInfo",
  kind: "readonly",
  present: presentCompanyInfo,
  filterable: ["Id", "CompanyName", "MetaData.CreateTime", "MetaData.LastUpdatedTime"],
  sortable: ["Id"],
};

export const preferencesDef: EntityDef = {
  name: "Preferences",
  kind: "readonly",
  present: presentPreferences,
  filterable: ["Id", "MetaData.CreateTime", "MetaData.LastUpdatedTime"],
  sortable: ["Id"],
};

export const taxCodeDef: EntityDef = {
  name: "TaxCode",
  kind: "readonly",
  filterable: ["Id", "Name", "Active", "Hidden", "Taxable", "TaxGroup", "MetaData.CreateTime", "MetaData.LastUpdatedTime"],
  sortable: ["Id", "Name", "MetaData.CreateTime", "MetaData.LastUpdatedTime"],
};

export const taxRateDef: EntityDef = {
  name: "TaxRate",
  kind: "readonly",
  filterable: ["Id", "Name", "Active", "RateValue", "AgencyRef", "MetaData.CreateTime", "MetaData.LastUpdatedTime"],
  sortable: ["Id", "Name", "RateValue", "MetaData.CreateTime", "MetaData.LastUpdatedTime"],
};

export const taxAgencyDef: EntityDef = {
  name: "TaxAgency",
  kind: "readonly",
  filterable: ["Id", "DisplayName", "MetaData.CreateTime", "MetaData.LastUpdatedTime"],
  sortable: ["Id", "DisplayName", "MetaData.CreateTime", "MetaData.LastUpdatedTime"],
};
