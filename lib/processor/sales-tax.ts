import type { Country } from "./regions";

/**
 * Combined sales-tax rates a café or restaurant charges, by province or state, for the demo data
 * (GST/HST/PST/QST in Canada; state plus typical local rate in the US — NY is New York City's
 * 8.875%). Approximate by design: the processor reports tax, it does not compute it.
 */
const CANADA: Record<string, number> = {
  AB: 0.05, BC: 0.12, MB: 0.12, NB: 0.15, NL: 0.15, NS: 0.14, NT: 0.05, NU: 0.05, ON: 0.13, PE: 0.15,
  QC: 0.14975, // GST 5% + QST 9.975%
  SK: 0.11, YT: 0.05,
};

const UNITED_STATES: Record<string, number> = {
  AK: 0.0, CA: 0.0925, DC: 0.06, DE: 0.0, FL: 0.07, IL: 0.1025, MA: 0.0625, MT: 0.0, NH: 0.0, NJ: 0.06625,
  NY: 0.08875, OR: 0.0, PA: 0.08, TX: 0.0825, WA: 0.1025,
};

/** Used for US states not listed above: a typical combined state and local rate. */
const US_DEFAULT = 0.07;

export function salesTaxRate(country: Country, region: string): number {
  if (country === "CA") return CANADA[region] ?? 0.05;
  return UNITED_STATES[region] ?? US_DEFAULT;
}

/** The tax contained in a tax-inclusive amount: amount − amount / (1 + rate), to the nearest unit. */
export function includedTax(amountMinor: number, rate: number): number {
  return Math.round(amountMinor - amountMinor / (1 + rate));
}
