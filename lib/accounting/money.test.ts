import { describe, expect, it } from "vitest";
import { InvalidPostingInputError } from "./errors";
import { formatMinor, fromQboAmount, toQboAmount } from "./money";
import { rng } from "./testing/fixtures";

describe("toQboAmount", () => {
  it("prints exactly the decimal of the cents, for every cent up to $100,000 and random large values", () => {
    const wrong: number[] = [];
    for (let minor = -2000; minor <= 10_000_000; minor += minor < 20_000 ? 1 : 7) {
      if (JSON.stringify(toQboAmount(minor)) !== plain(minor)) wrong.push(minor);
    }
    const r = rng(7);
    for (let i = 0; i < 100_000; i++) {
      const minor = r.int(-1e12, 1e12);
      if (JSON.stringify(toQboAmount(minor)) !== plain(minor)) wrong.push(minor);
    }
    expect(wrong).toEqual([]);
  });

  it("never produces binary noise on classic traps", () => {
    expect(toQboAmount(1299)).toBe(12.99);
    expect(JSON.stringify({ a: toQboAmount(1299), b: toQboAmount(30), c: toQboAmount(1) })).toBe('{"a":12.99,"b":0.3,"c":0.01}');
    expect(String(toQboAmount(1005))).toBe("10.05");
    expect(String(toQboAmount(100000001))).toBe("1000000.01");
  });

  it("emits 0, not -0, and rejects non-integers", () => {
    expect(Object.is(toQboAmount(0), 0)).toBe(true);
    expect(Object.is(toQboAmount(-0), 0)).toBe(true);
    expect(() => toQboAmount(12.5)).toThrow(InvalidPostingInputError);
    expect(() => toQboAmount(Number.MAX_SAFE_INTEGER + 1)).toThrow(InvalidPostingInputError);
    expect(() => toQboAmount(Number.NaN)).toThrow(InvalidPostingInputError);
  });
});

describe("fromQboAmount", () => {
  it("round-trips every amount toQboAmount makes, as number or string", () => {
    const r = rng(11);
    const wrong: number[] = [];
    for (let i = 0; i < 50_000; i++) {
      const minor = r.int(-1e11, 1e11);
      if (fromQboAmount(toQboAmount(minor)) !== minor || fromQboAmount(plain(minor)) !== minor) wrong.push(minor);
    }
    expect(wrong).toEqual([]);
  });

  it("accepts trailing zeros, rejects fractions of a cent and junk", () => {
    expect(fromQboAmount("12.990")).toBe(1299);
    expect(fromQboAmount(0.1 + 0.2 - 0.00000000000000004)).toBe(30);
    expect(fromQboAmount("-0.00")).toBe(0);
    expect(() => fromQboAmount("12.995")).toThrow(InvalidPostingInputError);
    expect(() => fromQboAmount(0.1 + 0.2)).toThrow(InvalidPostingInputError); // 0.30000000000000004 is not a cent amount
    expect(() => fromQboAmount("12,99")).toThrow(InvalidPostingInputError);
    expect(() => fromQboAmount(Number.POSITIVE_INFINITY)).toThrow(InvalidPostingInputError);
  });

  it("formats cents as a plain decimal", () => {
    expect(formatMinor(-1205)).toBe("-12.05");
    expect(formatMinor(7)).toBe("0.07");
  });
});

/** Reference formatting done with string arithmetic only (no floating point). */
function plain(minor: number): string {
  const sign = minor < 0 ? "-" : "";
  const digits = String(Math.abs(minor)).padStart(3, "0");
  const whole = digits.slice(0, -2).replace(/^0+(?=\d)/, "");
  const cents = digits.slice(-2).replace(/0+$/, "");
  return minor === 0 ? "0" : `${sign}${whole}${cents ? `.${cents}` : ""}`;
}
