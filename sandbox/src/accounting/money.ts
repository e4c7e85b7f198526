/**
 * Money inside the books is integer cents; QuickBooks JSON carries decimal numbers. Rates are
 * kept as integer millionths of a percent so 9.975 % or 8.875 % never meet binary noise.
 */

export function toCents(amount: number): number {
  return Math.round(amount * 100);
}

export function fromCents(cents: number): number {
  return Math.round(cents) / 100;
}

/** Report money: "1234.50"-style strings, as the Reports API sends them. */
export function centsString(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

function percentMicros(percent: number): bigint {
  return BigInt(Math.round(percent * 1_000_000));
}

const HUNDRED_PERCENT = 100_000_000n;

/** Rounds a/b to the nearest integer, halves away from zero. */
function divRound(a: bigint, b: bigint): bigint {
  const negative = a < 0n !== b < 0n;
  const absA = a < 0n ? -a : a;
  const absB = b < 0n ? -b : b;
  const q = (2n * absA + absB) / (2n * absB);
  return negative ? -q : q;
}

/** Tax on a net amount at a percent, to the cent (half away from zero). */
export function taxOn(netCents: number, percent: number): number {
  return Number(divRound(BigInt(netCents) * percentMicros(percent), HUNDRED_PERCENT));
}

/** The net inside a tax-included gross at a percent, to the cent. */
export function netOfInclusive(grossCents: number, percent: number): number {
  return Number(divRound(BigInt(grossCents) * HUNDRED_PERCENT, HUNDRED_PERCENT + percentMicros(percent)));
}

/**
 * Spreads `total` cents over weights (largest remainder, ties to the earlier one) so the parts
 * add up exactly: a tax over the rates of a combined code, a tax override over its rates.
 */
export function allocate(total: number, weights: number[]): number[] {
  if (weights.length === 0) return [];
  const w = weights.map((x) => BigInt(Math.round(Math.abs(x) * 1_000_000)));
  const sum = w.reduce((a, b) => a + b, 0n);
  if (sum === 0n) return weights.map((_, i) => (i === 0 ? total : 0));
  const t = BigInt(total);
  const sign = t < 0n ? -1n : 1n;
  const abs = t * sign;
  const shares = w.map((x) => (abs * x) / sum);
  const rest = w.map((x, i) => ({ i, r: abs * x - shares[i] * sum }));
  let left = abs - shares.reduce((a, b) => a + b, 0n);
  rest.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of rest) {
    if (left <= 0n) break;
    shares[i] += 1n;
    left -= 1n;
  }
  return shares.map((s) => Number(s * sign));
}

/** True when a JSON number has at most `decimals` decimals (QuickBooks' 10.5 amount format). */
export function hasAtMostDecimals(value: number, decimals: number): boolean {
  const scaled = value * 10 ** decimals;
  return Math.abs(scaled - Math.round(scaled)) < 1e-6;
}
