import { describe, expect, it } from "vitest";
import { DOC_NUMBER_MAX_LENGTH, docNumberFor, isHashedDocNumber } from "./doc-number";
import { InvalidPostingInputError } from "./errors";
import { rng } from "./testing/fixtures";

const CHARSET = /^[0-9a-z._-]+$/;

describe("docNumberFor", () => {
  it("keeps a short, plain id as is", () => {
    expect(docNumberFor("txn-00042")).toBe("txn-00042");
    expect(docNumberFor("a")).toBe("a");
    expect(docNumberFor("dep_2026.11.20_000001")).toBe("dep_2026.11.20_000001"); // 21 characters
  });

  it("hashes long, upper-case or exotic ids into ≤ 21 lower-case characters ending with a readable tail", () => {
    const long = docNumberFor("txn_MID-1001_20261120_00042");
    expect(long).toMatch(/^00042-[a-z2-7]{13}$/);
    expect(long.length).toBeLessThanOrEqual(DOC_NUMBER_MAX_LENGTH);
    expect(docNumberFor("dep_MID-1001_20261120")).toMatch(/^0261120-[a-z2-7]{13}$/);
    expect(docNumberFor("ABC")).toMatch(/^abc-[a-z2-7]{13}$/);
    expect(docNumberFor("a b")).toMatch(/^b-[a-z2-7]{13}$/);
    expect(docNumberFor("***")).toMatch(/^-[a-z2-7]{13}$/);
    expect(docNumberFor("___")).toBe("___");
    expect(docNumberFor("x".repeat(22))).toMatch(/^x{7}-[a-z2-7]{13}$/);
    expect(isHashedDocNumber(long)).toBe(true);
    expect(isHashedDocNumber("txn-00042")).toBe(false);
  });

  it("hashes an id that looks like a hashed DocNumber, so the two can never meet", () => {
    const lookalike = docNumberFor("txn_MID-1001_20261120_00042");
    expect(docNumberFor(lookalike)).not.toBe(lookalike);
    expect(docNumberFor(lookalike)).toMatch(/^[a-z2-7]{7}-[a-z2-7]{13}$/);
  });

  it("is case-safe: ids differing only in case get different DocNumbers, all lower case", () => {
    const ids = ["abc", "ABC", "Abc", "aBC"];
    const numbers = ids.map(docNumberFor);
    expect(new Set(numbers.map((n) => n.toLowerCase())).size).toBe(ids.length);
    for (const n of numbers) expect(n).toBe(n.toLowerCase());
  });

  it("rejects an empty id", () => {
    expect(() => docNumberFor("")).toThrow(InvalidPostingInputError);
  });

  it("maps 1,000,000 distinct ids to 1,000,000 distinct DocNumbers (case-insensitively), deterministically, within length and charset", () => {
    const r = rng(20261128);
    const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.:/~";
    const ids = new Set<string>();
    let day = 0;
    // Realistic shapes (sequence numbers per merchant and day, fee and deposit ids) ...
    while (ids.size < 600_000) {
      const mid = `MID-${1000 + (day % 37)}`;
      const date = `2026${String(1 + ((day >> 5) % 12)).padStart(2, "0")}${String(1 + (day % 28)).padStart(2, "0")}`;
      for (let n = 1; n <= 2000 && ids.size < 600_000; n++) {
        const seq = String(n).padStart(5, "0");
        ids.add(`txn_${mid}_${date}_${seq}`);
        if (n % 10 === 0) ids.add(`fee_${mid}_${date}_${seq}`);
      }
      ids.add(`dep_${mid}_${date}`);
      day++;
    }
    // ... short ids that pass through, ids at the 21/22 boundary, case variants, random junk.
    while (ids.size < 1_000_000) {
      const length = r.pick([1, 2, 5, 8, 13, 20, 21, 21, 22, 23, 40, 128]);
      let id = "";
      for (let i = 0; i < length; i++) id += alphabet[r.int(0, alphabet.length - 1)];
      ids.add(id);
      if (r.next() < 0.05) ids.add(id.toUpperCase());
      if (r.next() < 0.05) ids.add(id.toLowerCase());
    }
    const seen = new Map<string, string>();
    const problems: string[] = [];
    for (const id of ids) {
      const docNumber = docNumberFor(id);
      if (docNumber.length > DOC_NUMBER_MAX_LENGTH || !CHARSET.test(docNumber)) problems.push(`${id} → ${docNumber}`);
      const key = docNumber.toLowerCase();
      const other = seen.get(key);
      if (other !== undefined) problems.push(`collision: ${other} and ${id} → ${docNumber}`);
      seen.set(key, id);
    }
    expect(problems).toEqual([]);
    expect(seen.size).toBe(1_000_000);
    // Determinism: the same id always gives the same DocNumber.
    let checked = 0;
    for (const [docNumber, id] of seen) {
      if (checked++ % 97 !== 0) continue;
      expect(docNumberFor(id)).toBe(docNumber);
    }
  }, 180_000); // ≈ 8 s alone; generous for a loaded CI machine
});
