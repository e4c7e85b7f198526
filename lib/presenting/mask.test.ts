import { describe, expect, it } from "vitest";
import { maskText } from "./mask";

describe("maskText", () => {
  it("masks emails, card and bank last four, uuids and named secrets; leaves amounts and dates", () => {
    expect(maskText("Signed in as owner@example.test")).toBe("Signed in as ••••@••••");
    expect(maskText("Visa •••• 4242 · $12.50 on 2026-10-01")).toBe("Visa •••• •••• · $12.50 on 2026-10-01");
    expect(maskText("Card ending in 1881")).toBe("Card ending in ••••");
    expect(maskText("item 3f1c2a4e-1b2c-4d5e-8f90-123456789abc failed")).toBe("item •••• failed");
    expect(maskText("Company 9130357766263281 connected", ["9130357766263281"])).toBe("Company •••• connected");
    expect(maskText("Total 1234.56 CAD")).toBe("Total 1234.56 CAD");
  });
});
