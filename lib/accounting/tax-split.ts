/**
 * How a card amount splits into net and tax.
 *
 * The card amount is what the customer paid, tax included; the receipt's TotalAmt must equal it
 * to the cent. So the split is always `net + tax = amount` exactly, and only the tax portion is
 * chosen:
 * - the processor's `taxMinor` when it sent one (it is what the customer was charged);
 * - otherwise derived from the mapped tax code's combined rate, on the taxable part
 *   (amount − tip: tips are not taxed):
 *
 *       net = round_half_up(taxable / (1 + rate)),   tax = taxable − net
 *
 *   ROUNDING RULE: the NET is rounded to the nearest cent, an exact half cent rounding UP (so on
 *   an exact tie the tax rounds down, in the customer's favour). It is computed in exact integer
 *   arithmetic (BigInt, rate kept as an integer number of 10⁻⁶ percent), never in floating point,
 *   so 14.975 % or 8.875 % cannot pick up binary noise. Consequences: the tax is within half a
 *   cent of the exact embedded tax; a 1¢ sale at 13 % carries 0¢ tax; a 0 % code gives 0 tax.
 */
import { InvalidPostingInputError } from "./errors";
import { assertMinor } from "./money";
import type { CardTransaction, TaxRateComponent, TaxRateInfo } from "./types";

/** Percent → integer count of millionths of a percent (14.975 → 14_975_000n). */
export function percentToMicros(percent: number): bigint {
  if (!Number.isFinite(percent) || percent < 0 || percent >= 1000) {
    throw new InvalidPostingInputError(`tax percent must be between 0 and 1000, got ${percent}`);
  }
  const scaled = Math.round(percent * 1_000_000);
  if (Math.abs(scaled - percent * 1_000_000) > 1e-3) {
    throw new InvalidPostingInputError(`tax percent ${percent} has more than 6 decimals`);
  }
  return BigInt(scaled);
}

/** 100 % in millionths of a percent: rate = micros / PERCENT_SCALE. */
const PERCENT_SCALE = 100_000_000n;

/** Splits a tax-inclusive amount by a rate with the rule above. */
export function splitTaxInclusive(grossMinor: number, percent: number): { netMinor: number; taxMinor: number } {
  assertMinor(grossMinor, "amount");
  if (grossMinor < 0) throw new InvalidPostingInputError(`amount must not be negative, got ${grossMinor}`);
  const micros = percentToMicros(percent);
  const gross = BigInt(grossMinor);
  const denominator = PERCENT_SCALE + micros;
  // net = gross·S / (S + P), rounded half up: floor((2·gross·S + (S + P)) / (2·(S + P))).
  const net = (2n * gross * PERCENT_SCALE + denominator) / (2n * denominator);
  const netMinor = Number(net);
  return { netMinor, taxMinor: grossMinor - netMinor };
}

export interface TaxSplit {
  /** The card amount: what the customer paid (= net + tax). */
  grossMinor: number;
  /** Amount before tax (tip included, when there was one). */
  netMinor: number;
  /** The taxed base: net less the tip. */
  taxableNetMinor: number;
  taxMinor: number;
  source: "processor" | "original" | "rate";
}

/** The split of a card transaction (sale, refund, chargeback or reversal alike: the sign is the document's). */
export function taxSplitOf(
  transaction: Pick<CardTransaction, "processorId" | "amountMinor" | "taxMinor" | "tipMinor" | "original">,
  rate: TaxRateInfo,
): TaxSplit {
  const { processorId, amountMinor } = transaction;
  assertMinor(amountMinor, `amount of ${processorId}`);
  if (amountMinor <= 0) throw new InvalidPostingInputError(`amount of ${processorId} must be positive, got ${amountMinor}`);
  const tip = transaction.tipMinor ?? 0;
  assertMinor(tip, `tip of ${processorId}`);
  if (tip < 0 || tip > amountMinor) throw new InvalidPostingInputError(`tip of ${processorId} must be between 0 and the amount, got ${tip}`);

  if (transaction.taxMinor !== null) {
    const tax = transaction.taxMinor;
    assertMinor(tax, `tax of ${processorId}`);
    if (tax < 0 || tax + tip > amountMinor) {
      throw new InvalidPostingInputError(`tax of ${processorId} must be between 0 and the amount less the tip, got ${tax}`);
    }
    return { grossMinor: amountMinor, netMinor: amountMinor - tax, taxableNetMinor: amountMinor - tip - tax, taxMinor: tax, source: "processor" };
  }
  const fromOriginal = proRataTaxOfOriginal(amountMinor - tip, transaction.original);
  if (fromOriginal !== null) {
    return { grossMinor: amountMinor, netMinor: amountMinor - fromOriginal, taxableNetMinor: amountMinor - tip - fromOriginal, taxMinor: fromOriginal, source: "original" };
  }
  const { taxMinor } = splitTaxInclusive(amountMinor - tip, rate.percent);
  return { grossMinor: amountMinor, netMinor: amountMinor - taxMinor, taxableNetMinor: amountMinor - tip - taxMinor, taxMinor, source: "rate" };
}

/**
 * The tax of a refund, chargeback or reversal taken from its original sale, in proportion to the
 * taxable part: tax = original tax × taxable / original taxable (taxable = amount − tip), rounded
 * half up, never more than the taxable part. Null when the original or its tax is not known.
 */
export function proRataTaxOfOriginal(taxableMinor: number, original: CardTransaction["original"]): number | null {
  if (!original || original.taxMinor === null) return null;
  const originalTaxable = original.amountMinor - (original.tipMinor ?? 0);
  if (originalTaxable <= 0 || original.taxMinor < 0 || original.taxMinor > originalTaxable) return null;
  // Exact integer arithmetic: floor((2·tax·taxable + originalTaxable) / (2·originalTaxable)).
  const tax = (2n * BigInt(original.taxMinor) * BigInt(taxableMinor) + BigInt(originalTaxable)) / (2n * BigInt(originalTaxable));
  return Math.min(Number(tax), taxableMinor);
}

/**
 * Spreads a tax amount over the rates of a code (GST and QST), proportionally to their percents,
 * largest remainder first (ties: the earlier rate), so the parts add up to the tax exactly.
 * A code whose rates are all 0 % but carries tax (the processor charged tax on a sale mapped to
 * an exempt code) puts it all on the first rate: the total must still hold.
 */
export function allocateTax(taxMinor: number, components: readonly TaxRateComponent[]): number[] {
  assertMinor(taxMinor, "tax");
  if (components.length === 0) return [];
  const weights = components.map((c) => percentToMicros(c.percent));
  const totalWeight = weights.reduce((a, b) => a + b, 0n);
  if (totalWeight === 0n) return components.map((_, i) => (i === 0 ? taxMinor : 0));
  const tax = BigInt(taxMinor);
  const shares = weights.map((w) => (tax * w) / totalWeight);
  const remainders = weights.map((w, i) => ({ i, r: tax * w - shares[i] * totalWeight }));
  let left = tax - shares.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    shares[i] += 1n;
    left -= 1n;
  }
  return shares.map(Number);
}

/** Checks that a code's rates add up to its combined percent (a misconfigured context otherwise). */
export function assertComponentsMatch(rate: TaxRateInfo): void {
  if (!rate.components || rate.components.length === 0) return;
  const sum = rate.components.reduce((a, c) => a + percentToMicros(c.percent), 0n);
  if (sum !== percentToMicros(rate.percent)) {
    throw new InvalidPostingInputError(
      `tax rates ${rate.components.map((c) => c.percent).join(" + ")} do not add up to the code's ${rate.percent} %`,
    );
  }
}
