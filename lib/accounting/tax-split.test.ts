import { describe, expect, it } from "vitest";
import { InvalidPostingInputError } from "./errors";
import { allocateTax, assertComponentsMatch, percentToMicros, splitTaxInclusive, taxSplitOf } from "./tax-split";
import { QUEBEC_GST_QST, rng } from "./testing/fixtures";

/**
 * Independent reference for the rounding rule: the exact net as a fraction of decimal strings
 * (no BigInt formula shared with the code), rounded half up by comparing twice the remainder.
 */
function referenceNet(gross: number, percent: string): number {
  const [whole, fraction = ""] = percent.split(".");
  const scale = 10n ** BigInt(fraction.length);
  const rateNumerator = BigInt(whole + fraction); // percent × scale
  // net = gross / (1 + p/100) = gross·100·scale / (100·scale + p·scale)
  const numerator = BigInt(gross) * 100n * scale;
  const denominator = 100n * scale + rateNumerator;
  const quotient = numerator / denominator;
  const remainder = numerator - quotient * denominator;
  return Number(2n * remainder >= denominator ? quotient + 1n : quotient);
}

describe("splitTaxInclusive (net rounded half up, tax = amount − net)", () => {
  it.each([
    // [percent, amount, net, tax]
    [13, 1, 1, 0], // 0.885 → 1: a 1¢ sale carries no tax
    [13, 5, 4, 1],
    [13, 13, 12, 1], // 11.504 → 12 (just above a half)
    [13, 100, 88, 12], // 88.496 → 88 (just below a half)
    [13, 113, 100, 13],
    [13, 2599, 2300, 299],
    [14.975, 1, 1, 0],
    [14.975, 2, 2, 0],
    [14.975, 7, 6, 1],
    [14.975, 1954, 1699, 255], // 1699.49989 → 1699
    [14.975, 2645, 2301, 344], // 2300.50011 → 2301
    [14.975, 11498, 10000, 1498],
    [14.975, 114975, 100000, 14975],
    [8.875, 1, 1, 0],
    [8.875, 12, 11, 1],
    [8.875, 92, 85, 7], // 84.50057 → 85
    [8.875, 779, 715, 64], // 715.49943 → 715
    [8.875, 10888, 10000, 888],
    [0, 1, 1, 0],
    [0, 123456, 123456, 0],
    // Exact ties only happen with rates like these; half up on the net means the tax rounds down.
    [100, 1, 1, 0], // 0.5 → 1
    [100, 3, 2, 1], // 1.5 → 2
    [60, 4, 3, 1], // 2.5 → 3
  ])("%s %% of %i¢ → net %i¢, tax %i¢", (percent, amount, net, tax) => {
    expect(splitTaxInclusive(amount, percent)).toEqual({ netMinor: net, taxMinor: tax });
  });

  it("matches the exact reference for every amount up to $500 and random ones up to $10M, at the product's rates", () => {
    const rates = ["13", "14.975", "8.875", "5", "0", "12", "15", "9.25", "10.25", "6.625", "7", "0.001"];
    const wrong: string[] = [];
    const r = rng(42);
    for (const p of rates) {
      const check = (g: number) => {
        const { netMinor, taxMinor } = splitTaxInclusive(g, Number(p));
        if (netMinor !== referenceNet(g, p) || netMinor + taxMinor !== g) wrong.push(`${p}% ${g}`);
      };
      for (let g = 0; g <= 50_000; g++) check(g);
      for (let i = 0; i < 20_000; i++) check(r.int(0, 1e9));
    }
    expect(wrong).toEqual([]);
  });

  it("keeps the tax within half a cent of the exact embedded tax", () => {
    for (let g = 1; g < 20_000; g += 3) {
      const { taxMinor } = splitTaxInclusive(g, 14.975);
      const exact = g - g / 1.14975;
      expect(Math.abs(taxMinor - exact)).toBeLessThanOrEqual(0.5 + 1e-9);
    }
  });

  it("works on amounts whose product would overflow a double (BigInt)", () => {
    expect(splitTaxInclusive(9_007_199_254_740_991, 13).netMinor).toBe(referenceNet(9_007_199_254_740_991, "13"));
  });

  it("rejects unusable rates", () => {
    expect(() => splitTaxInclusive(100, -1)).toThrow(InvalidPostingInputError);
    expect(() => splitTaxInclusive(100, Number.NaN)).toThrow(InvalidPostingInputError);
    expect(() => splitTaxInclusive(100, 1.23456789)).toThrow(InvalidPostingInputError);
    expect(percentToMicros(14.975)).toBe(14_975_000n);
  });
});

describe("taxSplitOf", () => {
  const t = { processorId: "t1", amountMinor: 2599, taxMinor: null, tipMinor: null };

  it("uses the processor's tax when it sent one, even if it differs from the rate", () => {
    expect(taxSplitOf({ ...t, taxMinor: 250 }, { percent: 13 })).toEqual({
      grossMinor: 2599,
      netMinor: 2349,
      taxableNetMinor: 2349,
      taxMinor: 250,
      source: "processor",
    });
    expect(taxSplitOf({ ...t, taxMinor: 0 }, { percent: 13 }).taxMinor).toBe(0);
  });

  it("derives the tax from the rate on the amount less the tip (tips are not taxed)", () => {
    expect(taxSplitOf(t, { percent: 13 })).toMatchObject({ netMinor: 2300, taxMinor: 299, source: "rate" });
    // $25.99 + $5.00 tip: tax on 25.99 only.
    expect(taxSplitOf({ ...t, amountMinor: 3099, tipMinor: 500 }, { percent: 13 })).toEqual({
      grossMinor: 3099,
      netMinor: 2800,
      taxableNetMinor: 2300,
      taxMinor: 299,
      source: "rate",
    });
  });

  it("rejects amounts the feed would never send", () => {
    expect(() => taxSplitOf({ ...t, amountMinor: 0 }, { percent: 13 })).toThrow(InvalidPostingInputError);
    expect(() => taxSplitOf({ ...t, taxMinor: 2600 }, { percent: 13 })).toThrow(InvalidPostingInputError);
    expect(() => taxSplitOf({ ...t, taxMinor: 100, tipMinor: 2500 }, { percent: 13 })).toThrow(InvalidPostingInputError);
    expect(() => taxSplitOf({ ...t, tipMinor: -1 }, { percent: 13 })).toThrow(InvalidPostingInputError);
  });
});

describe("allocateTax", () => {
  it("splits Quebec's tax between GST 5 and QST 9.975 exactly", () => {
    expect(allocateTax(1498, QUEBEC_GST_QST.components!)).toEqual([500, 998]);
    expect(allocateTax(1, QUEBEC_GST_QST.components!)).toEqual([0, 1]);
    expect(allocateTax(0, QUEBEC_GST_QST.components!)).toEqual([0, 0]);
    for (let tax = 0; tax < 5000; tax++) {
      const [gst, qst] = allocateTax(tax, QUEBEC_GST_QST.components!);
      expect(gst + qst).toBe(tax);
      expect(Math.abs(gst - (tax * 5) / 14.975)).toBeLessThan(1);
    }
  });

  it("puts tax on the first rate when every rate is 0 % (processor taxed an exempt mapping)", () => {
    expect(allocateTax(12, [{ taxRateId: "a", percent: 0 }, { taxRateId: "b", percent: 0 }])).toEqual([12, 0]);
  });

  it("checks that the rates add up to the code's percent", () => {
    expect(() => assertComponentsMatch(QUEBEC_GST_QST)).not.toThrow();
    expect(() => assertComponentsMatch({ percent: 15, components: QUEBEC_GST_QST.components })).toThrow(InvalidPostingInputError);
  });
});
