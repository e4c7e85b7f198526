import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { loadMessages } from "./catalog";
import { closingPeriod } from "./closing-period";
import type { Locale } from "./locales";

/** A sentence that ends with a name ends with one period, whether or not the name brings its own. */
async function translate(locale: Locale, key: string, values: Record<string, string>): Promise<string> {
  const t = createTranslator({ locale, messages: await loadMessages(locale) });
  return (t as unknown as (key: string, values: Record<string, string>) => string)(key, values);
}

describe("a name at the end of a sentence", () => {
  it.each([
    ["en", "portal.overview.welcome", "Welcome to the portal of Acme Ltd.", "Welcome to the portal of Acme Bakery."],
    ["fr-CA", "portal.overview.welcome", "Bienvenue dans le portail de Acme Ltd.", "Bienvenue dans le portail de Acme Bakery."],
    ["en", "deposits.empty.body", "Deposits will appear here once the processor pays out the card activity of Acme Ltd.", "Deposits will appear here once the processor pays out the card activity of Acme Bakery."],
    ["fr-CA", "deposits.empty.body", "Les dépôts s’afficheront ici dès que le processeur versera les paiements par carte de Acme Ltd.", "Les dépôts s’afficheront ici dès que le processeur versera les paiements par carte de Acme Bakery."],
  ] as const)("%s %s: one period after a name that ends with one, one added otherwise", async (locale, key, withPeriod, without) => {
    expect(await translate(locale, key, { business: "Acme Ltd.", period: closingPeriod("Acme Ltd.") })).toBe(withPeriod);
    expect(await translate(locale, key, { business: "Acme Bakery", period: closingPeriod("Acme Bakery") })).toBe(without);
  });

  it("the reauthorize confirmation names the company with one period, in both languages", async () => {
    expect(await translate("en", "quickbooks.confirm.reauthorize.body", { company: "Maple inc.", period: closingPeriod("Maple inc.") })).toContain("the same company, Maple inc. Another company");
    expect(await translate("fr-CA", "quickbooks.confirm.reauthorize.body", { company: "Érable inc.", period: closingPeriod("Érable inc.") })).toContain("la même entreprise, Érable inc. Une autre");
  });

  it("reads a trailing period after spaces as the name's own", () => {
    expect(closingPeriod("Boulangerie inc. ")).toBe("inName");
    expect(closingPeriod("Boulangerie")).toBe("added");
  });
});
