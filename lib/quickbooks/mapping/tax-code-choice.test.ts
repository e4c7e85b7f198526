import { describe, expect, it } from "vitest";
import { preselectTaxCode } from "./tax-code-choice";

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
