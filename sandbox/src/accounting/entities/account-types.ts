/** AccountType → Classification, and the default AccountSubType QuickBooks picks when only the type is sent. */
const TYPES: Record<string, { classification: string; defaultSubType: string; subTypes: string[] }> = {
  Bank: { classification: "Asset", defaultSubType: "CashOnHand", subTypes: ["CashOnHand", "Checking", "MoneyMarket", "RentsHeldInTrust", "Savings", "TrustAccounts", "CashAndCashEquivalents", "OtherEarMarkedBankAccounts"] },
  "Accounts Receivable": { classification: "Asset", defaultSubType: "AccountsReceivable", subTypes: ["AccountsReceivable"] },
  "Other Current Asset": { classification: "Asset", defaultSubType: "EmployeeCashAdvances", subTypes: ["AllowanceForBadDebts", "DevelopmentCosts", "EmployeeCashAdvances", "OtherCurrentAssets", "Inventory", "Investment_MortgageRealEstateLoans", "Investment_Other", "Investment_TaxExemptSecurities", "Investment_USGovernmentObligations", "LoansToOfficers", "LoansToOthers", "LoansToStockholders", "PrepaidExpenses", "Retainage", "UndepositedFunds", "TradeAndOtherReceivables", "InternalTransfers"] },
  "Fixed Asset": { classification: "Asset", defaultSubType: "FurnitureAndFixtures", subTypes: ["AccumulatedDepletion", "AccumulatedDepreciation", "DepletableAssets", "FixedAssetComputers", "FixedAssetOfficeEquipment", "FixedAssetFurniture", "FurnitureAndFixtures", "Buildings", "Land", "LeaseholdImprovements", "MachineryAndEquipment", "OtherFixedAssets", "Vehicles"] },
  "Other Asset": { classification: "Asset", defaultSubType: "OtherLongTermAssets", subTypes: ["LeaseBuyout", "OtherLongTermAssets", "SecurityDeposits", "AccumulatedAmortizationOfOtherAssets", "Goodwill", "Licenses", "OrganizationalCosts"] },
  "Accounts Payable": { classification: "Liability", defaultSubType: "AccountsPayable", subTypes: ["AccountsPayable"] },
  "Credit Card": { classification: "Liability", defaultSubType: "CreditCard", subTypes: ["CreditCard"] },
  "Other Current Liability": { classification: "Liability", defaultSubType: "OtherCurrentLiabilities", subTypes: ["DirectDepositPayable", "LineOfCredit", "LoanPayable", "GlobalTaxPayable", "GlobalTaxSuspense", "OtherCurrentLiabilities", "PayrollClearing", "PayrollTaxPayable", "PrepaidExpensesPayable", "RentsInTrustLiability", "TrustAccountsLiabilities", "FederalIncomeTaxPayable", "InsurancePayable", "SalesTaxPayable", "StateLocalIncomeTaxPayable"] },
  "Long Term Liability": { classification: "Liability", defaultSubType: "NotesPayable", subTypes: ["NotesPayable", "OtherLongTermLiabilities", "ShareholderNotesPayable"] },
  Equity: { classification: "Equity", defaultSubType: "OpeningBalanceEquity", subTypes: ["OpeningBalanceEquity", "PartnersEquity", "RetainedEarnings", "AccumulatedAdjustment", "OwnersEquity", "PaidInCapitalOrSurplus", "PartnerContributions", "PartnerDistributions", "PreferredStock", "CommonStock", "TreasuryStock", "EstimatedTaxes", "Healthcare", "PersonalIncome", "PersonalExpense"] },
  Income: { classification: "Revenue", defaultSubType: "OtherPrimaryIncome", subTypes: ["NonProfitIncome", "OtherPrimaryIncome", "SalesOfProductIncome", "ServiceFeeIncome", "DiscountsRefundsGiven", "UnappliedCashPaymentIncome", "CashReceiptIncome", "OperatingGrants", "OtherCurrentOperatingIncome", "OwnWorkCapitalized", "RevenueGeneral", "SalesRetail", "SalesWholesale", "SavingsByTaxScheme"] },
  "Other Income": { classification: "Revenue", defaultSubType: "OtherInvestmentIncome", subTypes: ["DividendIncome", "InterestEarned", "OtherInvestmentIncome", "OtherMiscellaneousIncome", "TaxExemptInterest"] },
  "Cost of Goods Sold": { classification: "Expense", defaultSubType: "CostOfLaborCos", subTypes: ["EquipmentRentalCos", "OtherCostsOfServiceCos", "ShippingFreightDeliveryCos", "SuppliesMaterialsCogs", "CostOfLaborCos", "CostOfSales", "FreightAndDeliveryCost"] },
  Expense: { classification: "Expense", defaultSubType: "Travel", subTypes: ["AdvertisingPromotional", "BadDebts", "BankCharges", "CharitableContributions", "CommissionsAndFees", "Entertainment", "EntertainmentMeals", "EquipmentRental", "FinanceCosts", "GlobalTaxExpense", "Insurance", "InterestPaid", "LegalProfessionalFees", "OfficeExpenses", "OfficeGeneralAdministrativeExpenses", "OtherBusinessExpenses", "OtherMiscellaneousServiceCost", "PromotionalMeals", "RentOrLeaseOfBuildings", "RepairMaintenance", "ShippingFreightDelivery", "SuppliesMaterials", "Travel", "TravelMeals", "Utilities", "Auto", "CostOfLabor", "DuesSubscriptions", "PayrollExpenses", "TaxesPaid", "UnappliedCashBillPaymentExpense"] },
  "Other Expense": { classification: "Expense", defaultSubType: "Depreciation", subTypes: ["Depreciation", "ExchangeGainOrLoss", "OtherMiscellaneousExpense", "PenaltiesSettlements", "Amortization", "GasAndFuel", "HomeOffice", "HomeOwnerRentalInsurance", "OtherHomeOfficeExpenses", "MortgageInterest", "RentAndLease", "RepairsAndMaintenance", "ParkingAndTolls", "Vehicle", "VehicleInsurance", "VehicleLease", "VehicleLoanInterest", "VehicleLoan", "VehicleRegistration", "VehicleRepairs", "OtherVehicleExpenses", "Utilities", "WashAndRoadServices"] },
};

const ACCOUNT_TYPES = Object.keys(TYPES);

export function classificationOf(type: string): string {
  return TYPES[type]?.classification ?? "Asset";
}

export function isAccountType(type: unknown): type is string {
  return typeof type === "string" && Object.prototype.hasOwnProperty.call(TYPES, type);
}

export function defaultSubType(type: string): string {
  return TYPES[type].defaultSubType;
}

/** The type a subtype belongs to (the first that lists it). */
export function typeOfSubType(subType: string): string | undefined {
  return ACCOUNT_TYPES.find((t) => TYPES[t].subTypes.includes(subType));
}

export function subTypeFits(type: string, subType: string): boolean {
  return TYPES[type]?.subTypes.includes(subType) ?? false;
}

/** Debit-normal classifications grow with debits; the rest with credits. */
export function isDebitNormal(classification: unknown): boolean {
  return classification === "Asset" || classification === "Expense";
}
