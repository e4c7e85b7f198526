import { US_NOT_TAXABLE, US_TAXABLE } from "@/lib/accounting/us-tax-codes";
import type { QboTaxCode } from "./name-list-entities";
import { rateDistance, rateMatches } from "./tax-rate-match";

/** A tax code with the combined percent of its sales rates (null: unknown, never matched). */
export type RatedTaxCode = QboTaxCode & { percent?: number | null };

const HST_PROVINCES = ["ON", "NB", "NL", "NS", "PE"];
const PST_PROVINCES = ["BC", "MB", "SK"];

const PROVINCE_NAMES: Record<string, string[]> = {
  ON: ["ONTARIO"], NB: ["NEW BRUNSWICK", "NOUVEAU-BRUNSWICK"], NL: ["NEWFOUNDLAND", "LABRADOR"], NS: ["NOVA SCOTIA", "NOUVELLE-ÉCOSSE"],
  PE: ["PRINCE EDWARD", "PEI", "ÎLE-DU-PRINCE-ÉDOUARD"], QC: ["QUEBEC", "QUÉBEC"], BC: ["BRITISH COLUMBIA", "COLOMBIE-BRITANNIQUE"],
  MB: ["MANITOBA"], SK: ["SASKATCHEWAN"], AB: ["ALBERTA"], NT: ["NORTHWEST"], NU: ["NUNAVUT"], YT: ["YUKON"],
};

const US_STATE_NAMES: Record<string, string> = {
  AL: "ALABAMA", AK: "ALASKA", AZ: "ARIZONA", AR: "ARKANSAS", CA: "CALIFORNIA", CO: "COLORADO", CT: "CONNECTICUT", DE: "DELAWARE",
  DC: "DISTRICT OF COLUMBIA", FL: "FLORIDA", GA: "GEORGIA", HI: "HAWAII", ID: "IDAHO", IL: "ILLINOIS", IN: "INDIANA", IA: "IOWA",
  KS: "KANSAS", KY: "KENTUCKY", LA: "LOUISIANA", ME: "MAINE", MD: "MARYLAND", MA: "MASSACHUSETTS", MI: "MICHIGAN", MN: "MINNESOTA",
  MS: "MISSISSIPPI", MO: "MISSOURI", MT: "MONTANA", NE: "NEBRASKA", NV: "NEVADA", NH: "NEW HAMPSHIRE", NJ: "NEW JERSEY",
  NM: "NEW MEXICO", NY: "NEW YORK", NC: "NORTH CAROLINA", ND: "NORTH DAKOTA", OH: "OHIO", OK: "OKLAHOMA", OR: "OREGON",
  PA: "PENNSYLVANIA", RI: "RHODE ISLAND", SC: "SOUTH CAROLINA", SD: "SOUTH DAKOTA", TN: "TENNESSEE", TX: "TEXAS", UT: "UTAH",
  VT: "VERMONT", VA: "VIRGINIA", WA: "WASHINGTON", WV: "WEST VIRGINIA", WI: "WISCONSIN", WY: "WYOMING",
};

function text(code: QboTaxCode): string {
  return `${code.Name} ${code.Description ?? ""}`.toUpperCase();
}

function hasWord(haystack: string, word: string): boolean {
  return new RegExp(`(^|[^A-Z])${word}([^A-Z]|$)`).test(haystack);
}

function mentionsRegion(haystack: string, region: string, names: string[]): boolean {
  return hasWord(haystack, region) || names.some((n) => haystack.includes(n));
}

/**
 * The tax code to preselect in the mapping step.
 *
 * First by rate: when the business's recent sales carried tax (`salesPercent`, the effective rate
 * the processor charged: recent-sales-tax-rate.ts), the active code whose combined rate matches it
 * (tax-rate-match.ts), the closest one when several do, the region's when equally close. That is
 * what the customer paid, whatever the codes are called. The same holds for US companies: the
 * mapped code is the transaction tax code (NY State 4 %, NYC 8.875 %…), whose rates QuickBooks
 * lists like any other; the line pseudo codes TAX/NON carry no rate and never match a taxed sale.
 *
 * Otherwise (no taxed sales, or no code at that rate) by the business's province or state:
 * ON/NB/NL/NS/PE → HST of the province; QC → GST/QST; BC/MB/SK → GST/PST of the province;
 * AB and the territories → GST; a US state → the sales tax code naming it. Null when nothing fits
 * (the owner then picks one). Scores rather than exact names: companies rename their codes.
 */
export function preselectTaxCode<T extends RatedTaxCode>(codes: T[], country: "CA" | "US", region: string, salesPercent: number | null = null): T | null {
  const active = codes.filter((c) => c.Active !== false && c.Id !== US_TAXABLE);
  const score = (code: QboTaxCode): number => regionScore(code, country, region);
  if (salesPercent !== null) {
    const matching = active.filter((c): c is T & { percent: number } => typeof c.percent === "number" && rateMatches(c.percent, salesPercent));
    matching.sort((a, b) => rateDistance(a.percent, salesPercent) - rateDistance(b.percent, salesPercent) || score(b) - score(a));
    if (matching[0]) return matching[0];
  }
  let best: T | null = null;
  let bestScore = 0;
  for (const code of active) {
    const s = score(code);
    if (s > bestScore) {
      best = code;
      bestScore = s;
    }
  }
  return best;
}

/** How well a code's name fits the province or state (0: not at all). */
function regionScore(code: QboTaxCode, country: "CA" | "US", region: string): number {
  const t = text(code);
  if (country === "US") {
    if (code.Id === US_NOT_TAXABLE || code.Id === US_TAXABLE) return 0;
    if (mentionsRegion(t, region, [US_STATE_NAMES[region] ?? "\u0000"])) return 10;
    return code.Taxable === false ? 0 : 1;
  }
  const regional = mentionsRegion(t, region, PROVINCE_NAMES[region] ?? []);
  if (HST_PROVINCES.includes(region)) return hasWord(t, "HST") ? (regional ? 10 : 5) : 0;
  if (region === "QC") return hasWord(t, "QST") || hasWord(t, "TVQ") ? (hasWord(t, "GST") || hasWord(t, "TPS") ? 10 : 6) : 0;
  if (PST_PROVINCES.includes(region)) {
    const pst = hasWord(t, "PST") || hasWord(t, "RST") || hasWord(t, "TVP");
    if (!pst) return 0;
    return (regional ? 6 : 2) + (hasWord(t, "GST") ? 4 : 0);
  }
  // Alberta and the territories: federal GST alone.
  if (!(hasWord(t, "GST") || hasWord(t, "TPS"))) return 0;
  if (["HST", "PST", "QST", "RST", "TVQ", "TVH"].some((w) => hasWord(t, w))) return 0;
  return code.Name.trim().toUpperCase() === "GST" ? 10 : 6;
}
