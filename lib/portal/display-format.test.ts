import { describe, expect, it } from "vitest";
import { formatBusinessDate, formatTimeOfDay, maskedNumber, portalLocale } from "./display-format";
import { signedAmountMinor } from "./transaction-kinds";

const spaces = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("portal display formats", () => {
  it("formats a business date as the same calendar day in every locale", () => {
    expect(formatBusinessDate("2026-11-21", "en")).toBe("Nov 21, 2026");
    expect(formatBusinessDate("2026-11-21", "fr-CA")).toBe("21 nov. 2026");
    expect(formatBusinessDate("2026-01-01", "en")).toBe("Jan 1, 2026");
  });

  it("formats the time of an instant in the business's time zone", () => {
    // 20:04 UTC is 15:04 in Toronto and 12:04 in Vancouver.
    expect(spaces(formatTimeOfDay("2026-11-20T20:04:05Z", "America/Toronto", "en"))).toBe("3:04 PM");
    expect(spaces(formatTimeOfDay("2026-11-20T20:04:05Z", "America/Toronto", "fr-CA"))).toBe("15 h 04");
    expect(spaces(formatTimeOfDay("2026-11-20T20:04:05Z", "America/Vancouver", "en"))).toBe("12:04 PM");
  });

  it("masks numbers and signs amounts by kind", () => {
    expect(maskedNumber("4242")).toBe("•••• 4242");
    expect([signedAmountMinor("sale", 100), signedAmountMinor("refund", 100), signedAmountMinor("chargeback", 100), signedAmountMinor("chargeback_reversal", 100)]).toEqual([100, -100, -100, 100]);
    expect(portalLocale("fr-CA")).toBe("fr-CA");
    expect(portalLocale("de")).toBe("en");
  });
});
