import { InvalidPostingInputError } from "./errors";

/**
 * Money inside Settlebooks is integer minor units (cents). QuickBooks' JSON carries decimal
 * numbers (12.99), so this is the only place where the two meet. CAD and USD both have two
 * decimals; a currency with another exponent would need its own scale here.
 */
const MINOR_PER_MAJOR = 100;

/**
 * Integer cents → the JSON number QuickBooks expects. IEEE division is correctly rounded, so
 * `minor / 100` is exactly the double that the decimal literal "12.99" parses to, and
 * JSON.stringify prints it back as 12.99 (never 12.990000000000002) for every safe integer.
 * Multiplying instead (minor * 0.01) would NOT have that property.
 */
export function toQboAmount(minor: number): number {
  assertMinor(minor, "amount");
  if (minor === 0) return 0; // never emit -0
  return minor / MINOR_PER_MAJOR;
}

/**
 * A QuickBooks amount (number or decimal string, e.g. a TotalAmt read back) → integer cents.
 * Goes through the decimal text so 0.1 + 0.2 style binary noise cannot shift a cent; throws on
 * sub-cent values rather than rounding them away silently.
 */
export function fromQboAmount(value: number | string): number {
  const text = typeof value === "number" ? numberToPlainString(value) : value.trim();
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new InvalidPostingInputError(`not a decimal amount: ${JSON.stringify(value)}`);
  const [, sign, whole, fraction = ""] = match;
  const significant = fraction.replace(/0+$/, "");
  if (significant.length > 2) throw new InvalidPostingInputError(`amount ${text} has fractions of a cent`);
  const minor = Number(whole) * MINOR_PER_MAJOR + Number(significant.padEnd(2, "0"));
  assertMinor(minor, "amount");
  return sign && minor !== 0 ? -minor : minor;
}

/** Formats integer cents as a plain decimal string ("-12.05"), for descriptions and messages. */
export function formatMinor(minor: number): string {
  assertMinor(minor, "amount");
  const abs = Math.abs(minor);
  const text = `${Math.floor(abs / MINOR_PER_MAJOR)}.${String(abs % MINOR_PER_MAJOR).padStart(2, "0")}`;
  return minor < 0 ? `-${text}` : text;
}

export function assertMinor(minor: number, what: string): void {
  if (!Number.isSafeInteger(minor)) {
    throw new InvalidPostingInputError(`${what} must be a safe integer number of minor units, got ${minor}`);
  }
}

function numberToPlainString(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  // Shortest round-trip text; expand exponent forms (1e-7, 1e21) so the regex sees digits.
  const text = String(value);
  if (!/e/i.test(text)) return text;
  return value.toFixed(20).replace(/\.?0+$/, "");
}
