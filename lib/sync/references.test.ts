import { describe, expect, it } from "vitest";
import { apiAnswering } from "@/lib/quickbooks/testing/answering-api";
import { taxCodeRates } from "./references";

describe("taxCodeRates", () => {
  const code = { TaxCode: { Id: "5", Name: "GST/QST QC", SalesTaxRateList: { TaxRateDetail: [{ TaxRateRef: { value: "11" } }, { TaxRateRef: { value: "12" } }] } } };

  it("adds the rates of the code's sales side", async () => {
    const api = apiAnswering({ "/taxcode/5": code, "/taxrate/11": { TaxRate: { Id: "11", RateValue: 5 } }, "/taxrate/12": { TaxRate: { Id: "12", RateValue: "9.975" } } });
    expect(await taxCodeRates(api, "5")).toEqual({
      percent: 14.975,
      components: [
        { taxRateId: "11", percent: 5 },
        { taxRateId: "12", percent: 9.975 },
      ],
    });
  });

  it("refuses a rate without its percent instead of taking it for 0 %", async () => {
    const api = apiAnswering({ "/taxcode/5": code, "/taxrate/11": { TaxRate: { Id: "11", RateValue: 5 } }, "/taxrate/12": { TaxRate: { Id: "12", Name: "QST" } } });
    await expect(taxCodeRates(api, "5")).rejects.toThrow("QuickBooks tax rate 12 cannot be used: the tax rate has no RateValue.");
  });
});
