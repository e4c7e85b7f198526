/**
 * When a tax code's rate "matches" the rate the processor charged on recent sales.
 *
 * The measured rate is Σ tax / Σ taxable base over many sales, each sale's tax rounded to the cent
 * by the processor, so it is not exactly the code's rate: a sale's rounding moves it by at most
 * half a cent, i.e. 0.05 percentage points on a $10 base, and over many sales the roundings
 * largely cancel. 0.05 points is therefore wide enough for any real mix of tickets of $10 and up
 * (and for most mixes of smaller ones), and still narrower than the gap between the real rates a
 * company is offered (13 vs 14 vs 15 %, 8.875 vs 8.5 %). The one pair closer than that — GST/QST
 * 14.975 % and HST 15 % — is told apart by taking the closest code, not the first within reach.
 * Used by the preselection (server) and the mapping step's warning (browser): pure, no imports.
 */
export const TAX_RATE_TOLERANCE_POINTS = 0.05;

/**
 * Distance in percentage points, to 6 decimals (the precision of QuickBooks rates and of the
 * measured rate), so float noise neither breaks a tie nor crosses the tolerance
 * (13.05 − 13 is 0.05000000000000071 in floating point).
 */
export function rateDistance(codePercent: number, salesPercent: number): number {
  return Math.round(Math.abs(codePercent - salesPercent) * 1e6) / 1e6;
}

export function rateMatches(codePercent: number, salesPercent: number): boolean {
  return rateDistance(codePercent, salesPercent) <= TAX_RATE_TOLERANCE_POINTS;
}
