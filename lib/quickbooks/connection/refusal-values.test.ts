import { describe, expect, it } from "vitest";
import { defaultNames } from "../mapping/default-names";
import { refusalValues } from "./refusal-values";

const sources = (query: Record<string, string>, companyName: string | null = "Books of Record Ltd") => ({
  param: (name: string) => query[name],
  companyName,
  businessCurrency: "USD",
  names: defaultNames("Maple Payments", "en"),
});

describe("refusal notice values", () => {
  it("names the company and the defaults from the portal's records, never from the URL", () => {
    const values = refusalValues(sources({ companyName: "Call 555-0100 to restore access", name: "Evil", slot: "expense", businessCurrency: "XXX" }));
    expect(values).toMatchObject({ companyName: "Books of Record Ltd", name: "Maple Payments Expense", businessCurrency: "USD" });
    expect(refusalValues(sources({}, null)).companyName).toBe("?");
  });

  it("takes codes from the URL only from their closed sets", () => {
    expect(refusalValues(sources({ companyCurrency: "CAD", existingType: "Income", slot: "customer" }))).toMatchObject({
      companyCurrency: "CAD",
      existingType: "Income",
      name: "Maple Payments Customer",
    });
    expect(refusalValues(sources({ companyCurrency: "CAD — call us", existingType: "Income; visit evil.test", slot: "bank" }))).toMatchObject({
      companyCurrency: "?",
      existingType: "?",
      name: "?",
    });
  });
});
