/**
 * The placeholders of a refusal notice. A notice's URL carries codes only (`?error=other_company`,
 * `slot=expense`, `companyCurrency=CAD`): anything shown as a name comes from the portal's own
 * records, and a URL value outside its closed set shows as "?". Otherwise a crafted link would
 * print an attacker's text inside the portal's own warning.
 */
import type { DefaultNames } from "../mapping/default-names";
import { OTHER_NAME_HOLDERS } from "../mapping/default-entities";

/** QuickBooks' Account.AccountType values: what may already hold a default account's name. */
const QBO_ACCOUNT_TYPES = [
  "Bank",
  "Other Current Asset",
  "Fixed Asset",
  "Other Asset",
  "Accounts Receivable",
  "Equity",
  "Expense",
  "Other Expense",
  "Cost of Goods Sold",
  "Accounts Payable",
  "Credit Card",
  "Long Term Liability",
  "Other Current Liability",
  "Income",
  "Other Income",
] as const;
const EXISTING_TYPES = new Set<string>([...QBO_ACCOUNT_TYPES, ...OTHER_NAME_HOLDERS]);
const CURRENCY_CODE = /^[A-Z]{3}$/;
const SLOTS = ["revenue", "expense", "customer"] as const;

export interface RefusalValueSources {
  /** The search parameters of the page's URL. */
  param: (name: string) => string | undefined;
  /** The business's connection record, when there is one. */
  companyName: string | null | undefined;
  businessCurrency: string;
  /** The processor's default names in the reader's language. */
  names: DefaultNames;
}

export function refusalValues({ param, companyName, businessCurrency, names }: RefusalValueSources): Record<string, string> {
  const slot = SLOTS.find((s) => s === param("slot"));
  const companyCurrency = param("companyCurrency");
  const existingType = param("existingType");
  return {
    companyName: companyName || "?",
    businessCurrency,
    companyCurrency: companyCurrency && CURRENCY_CODE.test(companyCurrency) ? companyCurrency : "?",
    name: slot ? names[slot] : "?",
    existingType: existingType && EXISTING_TYPES.has(existingType) ? existingType : "?",
  };
}
