import { describe, expect, it } from "vitest";
import { preselectTaxCode } from "./tax-code-choice";
import { rateMatches, TAX_RATE_TOLERANCE_POINTS } from "./tax-rate-match";

const canadian = ["GST", "HST ON", "HST NS", "GST/QST QC - 9.975", "GST/PST BC - 7%", "PST MB", "Exempt", "Zero-rated", "Out of Scope"].map((Name, i) => ({
  Id: String(i + 1),
  Name,
  Active: true,
}));
const american = [
  { Id: "1", Name: "CA State", Description: "California", Taxable: true },
  { Id: "2", Name: "NY Sales Tax", Description: "New York State and NYC", Taxable: true },
  { Id: "NON", Name: "NON", Taxable: false },
];

describe("tax code preselection by province or state", () => {
  it.each([
    ["ON", "HST ON"],
    ["NS", "HST NS"],
    ["QC", "GST/QST QC - 9.975"],
    ["BC", "GST/PST BC - 7%"],
    ["AB", "GST"],
    ["YT", "GST"],
  ])("%s → %s", (region, name) => {
    expect(preselectTaxCode(canadian, "CA", region)?.Name).toBe(name);
  });

  it("picks the US code naming the state, and skips inactive codes", () => {
    expect(preselectTaxCode(american, "US", "NY")?.Name).toBe("NY Sales Tax");
    expect(preselectTaxCode(canadian.map((c) => ({ ...c, Active: c.Name !== "HST ON" })), "CA", "ON")?.Name).toBe("HST NS");
    expect(preselectTaxCode([{ Id: "9", Name: "Exempt" }], "CA", "ON")).toBeNull();
  });
});

describe("tax code preselection by the rate recent sales were taxed at", () => {
  const rated = [
    { Id: "1", Name: "GST", Active: true, percent: 5 },
    { Id: "2", Name: "HST ON", Active: true, percent: 13 },
    { Id: "3", Name: "HST NB 2016", Active: true, percent: 15 },
    { Id: "4", Name: "GST/QST QC - 9.975", Active: true, percent: 14.975 },
    { Id: "5", Name: "Exempt", Active: true, percent: 0 },
    { Id: "6", Name: "Mystery", Active: true, percent: null },
  ];

  it("takes the code whose combined rate matches, whatever the region says", () => {
    // An Ontario business whose sales carried 15 %: the code at 15 %, not HST ON.
    expect(preselectTaxCode(rated, "CA", "ON", 15.01)?.Name).toBe("HST NB 2016");
    // 13.04 is within the 0.05-point tolerance of 13.
    expect(preselectTaxCode(rated, "CA", "AB", 13.04)?.Name).toBe("HST ON");
  });

  it("takes the closest code when two are within the tolerance (14.975 % vs 15 %)", () => {
    expect(preselectTaxCode(rated, "CA", "NB", 14.98)?.Name).toBe("GST/QST QC - 9.975");
    expect(preselectTaxCode(rated, "CA", "QC", 14.995)?.Name).toBe("HST NB 2016");
    // Equally close: the region decides.
    expect(preselectTaxCode(rated, "CA", "QC", 14.9875)?.Name).toBe("GST/QST QC - 9.975");
    expect(preselectTaxCode(rated, "CA", "NB", 14.9875)?.Name).toBe("HST NB 2016");
  });

  it("falls back to the region when no code has the rate, or no sale carried tax", () => {
    expect(preselectTaxCode(rated, "CA", "ON", 13.1)?.Name).toBe("HST ON");
    expect(preselectTaxCode(rated, "CA", "ON", 8.875)?.Name).toBe("HST ON");
    expect(preselectTaxCode(rated, "CA", "ON", null)?.Name).toBe("HST ON");
    expect(preselectTaxCode(rated, "CA", "AB")?.Name).toBe("GST");
  });

  it("never matches an inactive code or one whose rate is unknown", () => {
    const nbInactive = rated.map((c) => ({ ...c, Active: c.Name !== "HST NB 2016" }));
    // 15 % only matched HST NB (14.975 is 0.025 away and still matches): the inactive one is skipped.
    expect(preselectTaxCode(nbInactive, "CA", "ON", 15)?.Name).toBe("GST/QST QC - 9.975");
    expect(preselectTaxCode(nbInactive.filter((c) => c.Id !== "4"), "CA", "ON", 15)?.Name).toBe("HST ON");
    expect(preselectTaxCode([{ Id: "6", Name: "Mystery", percent: null }], "CA", "ON", 0)).toBeNull();
  });

  it("US: matches the transaction tax code's rate; TAX and NON never match a taxed sale", () => {
    const us = [
      { Id: "TAX", Name: "TAX", Taxable: true, percent: 0 },
      { Id: "NON", Name: "NON", Taxable: false, percent: 0 },
      { Id: "10", Name: "NY State", Description: "New York State", Taxable: true, percent: 4 },
      { Id: "11", Name: "NYC", Description: "New York City", Taxable: true, percent: 8.875 },
    ];
    expect(preselectTaxCode(us, "US", "NY", 8.87)?.Name).toBe("NYC");
    expect(preselectTaxCode(us, "US", "NY", 6)?.Name).toBe("NY State");
    expect(preselectTaxCode(us, "US", "NY", null)?.Name).toBe("NY State");
  });
});

describe("the rate tolerance", () => {
  it("is 0.05 percentage points either way, float noise aside", () => {
    expect(rateMatches(13, 13.05)).toBe(true);
    expect(rateMatches(13, 12.95)).toBe(true);
    expect(rateMatches(13, 13.051)).toBe(false);
    expect(rateMatches(8.875, 8.8)).toBe(false);
    expect(TAX_RATE_TOLERANCE_POINTS).toBe(0.05);
  });
});
