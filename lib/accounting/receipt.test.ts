import { describe, expect, it } from "vitest";
import { InvalidPostingInputError, MissingReferenceError } from "./errors";
import { fromQboAmount } from "./money";
import { buildReceipt, buildRefundReceipt, buildSalesReceipt, receiptEntityFor } from "./receipt";
import { expectedTotalMinor } from "./testing/expected-total";
import { expectedTotal } from "./testing/expected-total";
import { EXEMPT, NYC, ONTARIO_HST, QUEBEC_GST_QST, canadianContext, rng, transaction, usContext } from "./testing/fixtures";
import type { CardBrand, PostingContext, TaxRateInfo, TransactionKind } from "./types";

describe("which receipt", () => {
  it.each([
    ["sale", "SalesReceipt"],
    ["chargeback_reversal", "SalesReceipt"],
    ["refund", "RefundReceipt"],
    ["chargeback", "RefundReceipt"],
  ] as const)("%s → %s", (kind, entity) => {
    expect(receiptEntityFor(kind)).toBe(entity);
    expect(buildReceipt(transaction({ kind }), canadianContext()).entity).toBe(entity);
  });

  it("refuses to build the wrong receipt for a kind", () => {
    expect(() => buildSalesReceipt(transaction({ kind: "refund" }), canadianContext())).toThrow(InvalidPostingInputError);
    expect(() => buildRefundReceipt(transaction({ kind: "sale" }), canadianContext())).toThrow(InvalidPostingInputError);
  });
});

describe("common fields", () => {
  const ctx = canadianContext();
  const sale = buildSalesReceipt(transaction(), ctx);

  it("uses the mapped customer, the service item with Qty 1 and UnitPrice = Amount, and the card brand's payment method", () => {
    expect(sale.CustomerRef).toEqual({ value: "61" });
    expect(sale.Line).toHaveLength(1);
    const [line] = sale.Line;
    expect(line.DetailType).toBe("SalesItemLineDetail");
    expect(line.SalesItemLineDetail.ItemRef).toEqual({ value: "21" });
    expect(line.SalesItemLineDetail.Qty).toBe(1);
    expect(line.SalesItemLineDetail.UnitPrice).toBe(line.Amount);
    expect(sale.PaymentMethodRef).toEqual({ value: "pm-visa" });
    const brands: CardBrand[] = ["visa", "mastercard", "amex", "discover", "interac", "jcb", "unionpay", "other"];
    for (const cardBrand of brands) {
      expect(buildSalesReceipt(transaction({ cardBrand }), ctx).PaymentMethodRef.value).toBe(ctx.paymentMethodIds[cardBrand]);
    }
  });

  it("dates the receipt on the business date and carries the processor id in DocNumber and PrivateNote", () => {
    expect(sale.TxnDate).toBe("2026-11-20");
    expect(sale.DocNumber).toMatch(/^00042-[a-z2-7]{13}$/);
    expect(sale.PrivateNote).toBe("txn_MID-1001_20261120_00042 · sale · Visa •••• 4242");
    expect(buildSalesReceipt(transaction({ processorId: "t-1" }), ctx).DocNumber).toBe("t-1");
  });

  it("never carries more card data than brand and last 4", () => {
    const json = JSON.stringify(buildReceipt(transaction({ kind: "chargeback", cardBrand: "amex", last4: "0005" }), ctx).body);
    expect(json).toContain("American Express •••• 0005");
    expect(() => buildSalesReceipt(transaction({ last4: "4242424242424242" }), ctx)).toThrow(InvalidPostingInputError);
    expect(() => buildSalesReceipt(transaction({ last4: "42a2" }), ctx)).toThrow(InvalidPostingInputError);
  });

  it("deposits sales to, and refunds from, Undeposited Funds", () => {
    for (const kind of ["sale", "refund", "chargeback", "chargeback_reversal"] as TransactionKind[]) {
      expect(buildReceipt(transaction({ kind }), ctx).body.DepositToAccountRef).toEqual({ value: "4" });
    }
  });

  it("fails clearly when the engine did not resolve a payment method or passes a bad date", () => {
    const noAmex = { ...ctx, paymentMethodIds: { visa: "pm-visa" } };
    expect(() => buildSalesReceipt(transaction({ cardBrand: "amex" }), noAmex)).toThrow(MissingReferenceError);
    expect(() => buildSalesReceipt(transaction({ businessDate: "2026-02-30" }), ctx)).toThrow(InvalidPostingInputError);
    expect(() => buildSalesReceipt(transaction(), { ...ctx, serviceItemId: "" })).toThrow(InvalidPostingInputError);
  });
});

describe("non-US (tax inclusive)", () => {
  it("Ontario: mapped code on the line, TaxInclusive, net Amount, TaxInclusiveAmt = card amount, explicit tax", () => {
    const doc = buildSalesReceipt(transaction({ amountMinor: 2599 }), canadianContext(ONTARIO_HST));
    expect(doc.GlobalTaxCalculation).toBe("TaxInclusive");
    const detail = doc.Line[0].SalesItemLineDetail;
    expect(detail.TaxCodeRef).toEqual({ value: "9" });
    expect(doc.Line[0].Amount).toBe(23);
    expect(detail.TaxInclusiveAmt).toBe(25.99);
    expect(doc.TxnTaxDetail).toEqual({
      TotalTax: 2.99,
      TaxLine: [
        {
          DetailType: "TaxLineDetail",
          Amount: 2.99,
          TaxLineDetail: { TaxRateRef: { value: "hst-on" }, PercentBased: true, TaxPercent: 13, NetAmountTaxable: 23 },
        },
      ],
    });
  });

  it("Quebec: the tax is spread over GST and QST, both on the same net", () => {
    const doc = buildSalesReceipt(transaction({ amountMinor: 11498 }), canadianContext(QUEBEC_GST_QST));
    expect(doc.TxnTaxDetail.TotalTax).toBe(14.98);
    expect(doc.TxnTaxDetail.TaxLine!.map((l) => [l.TaxLineDetail.TaxRateRef.value, l.Amount, l.TaxLineDetail.NetAmountTaxable])).toEqual([
      ["gst", 5, 100],
      ["qst", 9.98, 100],
    ]);
  });

  it("uses the processor's tax when sent, and keeps the tip out of the taxable base", () => {
    const doc = buildSalesReceipt(transaction({ amountMinor: 3099, taxMinor: 290, tipMinor: 500 }), canadianContext(ONTARIO_HST));
    expect(doc.Line[0].Amount).toBe(28.09);
    expect(doc.TxnTaxDetail.TotalTax).toBe(2.9);
    expect(doc.TxnTaxDetail.TaxLine![0].TaxLineDetail.NetAmountTaxable).toBe(23.09);
    expect(expectedTotal(doc, { usesUsSalesTax: false, automatedSalesTax: false }, 13)).toBe(3099);
  });

  it("exempt (0 %) code: zero tax, whole amount net", () => {
    const doc = buildSalesReceipt(transaction({ amountMinor: 1 }), canadianContext(EXEMPT));
    expect(doc.Line[0].Amount).toBe(0.01);
    expect(doc.TxnTaxDetail.TotalTax).toBe(0);
  });

  it("without the code's rates in the context: TotalTax only, no TaxLine", () => {
    const doc = buildSalesReceipt(transaction(), canadianContext({ percent: 13 }));
    expect(doc.TxnTaxDetail).toEqual({ TotalTax: 2.99 });
  });
});

describe("US (tax exclusive)", () => {
  it("New York City: TAX on the line, the mapped transaction tax code, Amount = amount − tax", () => {
    const doc = buildSalesReceipt(transaction({ amountMinor: 10888 }), usContext(NYC));
    expect(doc.GlobalTaxCalculation).toBeUndefined();
    expect(doc.Line[0].Amount).toBe(100);
    expect(doc.Line[0].SalesItemLineDetail.TaxCodeRef).toEqual({ value: "TAX" });
    expect(doc.Line[0].SalesItemLineDetail.TaxInclusiveAmt).toBeUndefined();
    expect(doc.TxnTaxDetail).toEqual({ TxnTaxCodeRef: { value: "9" }, TotalTax: 8.88 });
  });

  it("NON on the line when there is no tax (a 1¢ sale, a 0 % code, or the processor said 0)", () => {
    expect(buildSalesReceipt(transaction({ amountMinor: 1 }), usContext(NYC)).Line[0].SalesItemLineDetail.TaxCodeRef).toEqual({ value: "NON" });
    expect(buildSalesReceipt(transaction(), usContext({ percent: 0 })).Line[0].SalesItemLineDetail.TaxCodeRef).toEqual({ value: "NON" });
    const told = buildSalesReceipt(transaction({ taxMinor: 0 }), usContext(NYC));
    expect(told.Line[0].SalesItemLineDetail.TaxCodeRef).toEqual({ value: "NON" });
    expect(told.TxnTaxDetail.TotalTax).toBe(0);
  });

  it("Automated Sales Tax: explicit TotalTax and UseAutomatedSalesTax false so the supplied tax stands", () => {
    const doc = buildSalesReceipt(transaction({ amountMinor: 10888 }), usContext(NYC, true));
    expect(doc.TxnTaxDetail).toEqual({ TxnTaxCodeRef: { value: "9" }, TotalTax: 8.88, UseAutomatedSalesTax: false });
  });
});

describe("refunds and chargebacks reverse tax the same way", () => {
  for (const [name, ctx] of [
    ["CA", canadianContext(QUEBEC_GST_QST)],
    ["US", usContext(NYC)],
  ] as const) {
    it(`${name}: same lines and tax as the sale of the same amount`, () => {
      const sale = buildSalesReceipt(transaction({ amountMinor: 4321, taxMinor: 555 }), ctx);
      for (const kind of ["refund", "chargeback"] as const) {
        const refund = buildRefundReceipt(transaction({ kind, amountMinor: 4321, taxMinor: 555 }), ctx);
        expect(refund.Line).toEqual([{ ...sale.Line[0], Description: refund.Line[0].Description }]);
        expect(refund.TxnTaxDetail).toEqual(sale.TxnTaxDetail);
        expect(refund.GlobalTaxCalculation).toEqual(sale.GlobalTaxCalculation);
      }
    });
  }
});

describe("TotalAmt equals the card amount", () => {
  const rates: TaxRateInfo[] = [
    ONTARIO_HST,
    QUEBEC_GST_QST,
    EXEMPT,
    { percent: 5, components: [{ taxRateId: "gst", percent: 5 }] },
    { percent: 15, components: [{ taxRateId: "hst", percent: 15 }] },
    NYC,
    { percent: 10.25 },
    { percent: 6.625 },
    { percent: 0 },
  ];
  const companies: PostingContext["company"][] = [
    { usesUsSalesTax: false, automatedSalesTax: false },
    { usesUsSalesTax: true, automatedSalesTax: false },
    { usesUsSalesTax: true, automatedSalesTax: true },
  ];

  it("for 30,000 random transactions across both models, rates, kinds, tips and processor-reported tax", () => {
    const r = rng(2026);
    const kinds: TransactionKind[] = ["sale", "refund", "chargeback", "chargeback_reversal"];
    const failures: string[] = [];
    for (let i = 0; i < 30_000; i++) {
      const company = r.pick(companies);
      const taxRate = r.pick(rates);
      const ctx = company.usesUsSalesTax ? usContext(taxRate, company.automatedSalesTax) : canadianContext(taxRate);
      const amountMinor = r.pick([r.int(1, 99), r.int(1, 10_000), r.int(1, 10_000_000)]);
      const tipMinor = r.next() < 0.3 ? r.int(0, amountMinor) : null;
      const room = amountMinor - (tipMinor ?? 0);
      const taxMinor = r.next() < 0.5 ? r.int(0, Math.min(room, Math.ceil(room * 0.2))) : null;
      const t = transaction({ kind: r.pick(kinds), amountMinor, tipMinor, taxMinor, processorId: `txn_${i}` });
      const document = buildReceipt(t, ctx);
      const { body } = document;
      const total = expectedTotal(body, company, taxRate.percent);
      if (total !== amountMinor) failures.push(`${JSON.stringify(t)} → ${total}`);
      if (expectedTotalMinor(document) !== amountMinor) failures.push(`expectedTotalMinor of ${t.processorId}`);
      const tax = fromQboAmount(body.TxnTaxDetail.TotalTax);
      if (taxMinor === null) {
        // Derived tax stays within half a cent of the exact tax on the taxable part.
        const taxable = amountMinor - (tipMinor ?? 0);
        const exact = taxable - taxable / (1 + taxRate.percent / 100);
        if (Math.abs(tax - exact) > 0.5 + 1e-6) failures.push(`tax ${tax} vs exact ${exact} for ${JSON.stringify(t)}`);
      } else if (tax !== taxMinor) failures.push(`processor tax ${taxMinor} became ${tax}`);
      if (!company.usesUsSalesTax) {
        const line = body.Line[0].SalesItemLineDetail;
        if (fromQboAmount(line.TaxInclusiveAmt!) !== amountMinor) failures.push(`TaxInclusiveAmt of ${t.processorId}`);
        const parts = (body.TxnTaxDetail.TaxLine ?? []).reduce((s, l) => s + fromQboAmount(l.Amount), 0);
        if (body.TxnTaxDetail.TaxLine && parts !== tax) failures.push(`TaxLines ${parts} ≠ TotalTax ${tax}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
