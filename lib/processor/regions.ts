/** Provinces and territories (ISO 3166-2:CA suffixes). */
const CANADIAN_REGIONS = ["AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"] as const;

/** The 50 states and the District of Columbia (ISO 3166-2:US suffixes). */
const US_REGIONS = [
  "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA",
  "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR",
  "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
] as const;

export type Country = "CA" | "US";

const REGIONS: Record<Country, ReadonlySet<string>> = {
  CA: new Set(CANADIAN_REGIONS),
  US: new Set(US_REGIONS),
};

export function isRegionOf(country: Country, region: string): boolean {
  return REGIONS[country].has(region);
}
