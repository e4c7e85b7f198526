import { describe, expect, it } from "vitest";
import { buildReceipt } from "./receipt";
import { proRataTaxOfOriginal, taxSplitOf } from "./tax-split";
import { transaction, usContext } from "./testing/fixtures";

describe("tax of a refund, chargeback or reversal without taxMinor", () => {
  it("a New York chargeback reverses the 8.875 % the sale carried, not the mapped code's 4 %", () => {
    const sale = { amountMinor: 10_888, taxMinor: 888, tipMinor: 0 };
    const chargeback = transaction({ kind: "chargeback", amountMinor: 10_888, taxMinor: null, original: sale });
    const split = taxSplitOf(chargeback, { percent: 4 });
    expect(split).toMatchObject({ taxMinor: 888, netMinor: 10_000, source: "original" });
    const doc = buildReceipt(chargeback, usContext({ percent: 4 }));
    expect(doc.body.TxnTaxDetail.TotalTax).toBe(8.88);
  });

  it("a partial refund takes its share, rounded half up, on the taxable part (tips are not taxed)", () => {
    const sale = { amountMinor: 12_500, taxMinor: 1_150, tipMinor: 1_000 }; // taxable 11 500
    expect(taxSplitOf(transaction({ kind: "refund", amountMinor: 5_750, taxMinor: null, original: sale }), { percent: 13 }).taxMinor).toBe(575);
    expect(proRataTaxOfOriginal(1, { amountMinor: 2, taxMinor: 1, tipMinor: 0 })).toBe(1); // 0.5 rounds up
    expect(proRataTaxOfOriginal(3, { amountMinor: 3, taxMinor: 3, tipMinor: 0 })).toBe(3);
  });

  it("falls back to the rate when the original or its tax is unknown, and a reported tax always wins", () => {
    expect(taxSplitOf(transaction({ kind: "refund", amountMinor: 11_300, taxMinor: null, original: null }), { percent: 13 })).toMatchObject({ taxMinor: 1_300, source: "rate" });
    expect(
      taxSplitOf(transaction({ kind: "refund", amountMinor: 11_300, taxMinor: null, original: { amountMinor: 11_300, taxMinor: null, tipMinor: null } }), { percent: 13 }).source,
    ).toBe("rate");
    expect(taxSplitOf(transaction({ kind: "refund", amountMinor: 11_300, taxMinor: 1_000, original: { amountMinor: 11_300, taxMinor: 1_300, tipMinor: 0 } }), { percent: 13 })).toMatchObject({ taxMinor: 1_000, source: "processor" });
  });
});
