import { z } from "zod";
import type { QboApi } from "../api-client";

/** What the integration needs to know about a QuickBooks company before storing the connection. */
export interface CompanyProfile {
  name: string;
  /** Null when QuickBooks names a country this product does not serve. */
  country: "CA" | "US" | null;
  /** Null when the company's home currency is not CAD or USD. */
  homeCurrency: "CAD" | "USD" | null;
  homeCurrencyCode: string;
  /** US companies: TAX/NON line codes plus a transaction tax code; other countries: a tax code per line. */
  usesUsSalesTax: boolean;
  /** Automated Sales Tax (US): QuickBooks replaces the transaction tax code with its own. */
  automatedSalesTax: boolean;
}

const COUNTRY_ALIASES: Record<string, "CA" | "US"> = {
  CA: "CA",
  CAN: "CA",
  CANADA: "CA",
  US: "US",
  USA: "US",
  "UNITED STATES": "US",
  "UNITED STATES OF AMERICA": "US",
};

const companyInfoSchema = z.looseObject({
  CompanyName: z.string().optional(),
  LegalName: z.string().optional(),
  Country: z.string().optional(),
  CompanyAddr: z.looseObject({ Country: z.string().optional() }).optional(),
  LegalAddr: z.looseObject({ Country: z.string().optional() }).optional(),
});

const preferencesSchema = z.looseObject({
  CurrencyPrefs: z.looseObject({ HomeCurrency: z.looseObject({ value: z.string() }).optional() }).optional(),
  TaxPrefs: z.looseObject({ PartnerTaxEnabled: z.boolean().optional(), UsingSalesTax: z.boolean().optional() }).optional(),
});

function normalizeCountry(value: string | undefined): "CA" | "US" | null {
  return value ? (COUNTRY_ALIASES[value.trim().toUpperCase()] ?? null) : null;
}

/** Reads CompanyInfo and Preferences (two calls) into the profile the connection stores. */
export async function readCompanyProfile(api: Pick<QboApi, "companyInfo" | "preferences">): Promise<CompanyProfile> {
  const [info, prefs] = await Promise.all([api.companyInfo(), api.preferences()]);
  const company = companyInfoSchema.parse(info);
  const preferences = preferencesSchema.parse(prefs);
  // CompanyInfo.Country is the company's country; the address countries are a fallback (since
  // 2025 QuickBooks returns them as ISO alpha-3, e.g. "CAN").
  const country = normalizeCountry(company.Country) ?? normalizeCountry(company.LegalAddr?.Country) ?? normalizeCountry(company.CompanyAddr?.Country);
  // Without multicurrency QuickBooks may omit HomeCurrency: the company's country then decides it.
  const homeCurrencyCode = (preferences.CurrencyPrefs?.HomeCurrency?.value ?? (country === "CA" ? "CAD" : country === "US" ? "USD" : "")).toUpperCase();
  return {
    name: company.CompanyName || company.LegalName || "QuickBooks company",
    country,
    homeCurrency: homeCurrencyCode === "CAD" || homeCurrencyCode === "USD" ? homeCurrencyCode : null,
    homeCurrencyCode,
    usesUsSalesTax: country === "US",
    automatedSalesTax: preferences.TaxPrefs?.PartnerTaxEnabled ?? false,
  };
}
