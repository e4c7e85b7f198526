import type { CardTransaction, PostingContext, TaxRateInfo } from "../types";
import { mulberry32, type Rng } from "@/lib/demo/prng";

/** Contexts for the three kinds of company the product serves, with ids that read well in failures. */
const base = {
  mapping: { bankAccountId: "35", revenueAccountId: "79", expenseAccountId: "58", customerId: "61", taxCodeId: "9" },
  serviceItemId: "21",
  paymentMethodIds: { visa: "pm-visa", mastercard: "pm-mc", amex: "pm-amex", discover: "pm-disc", interac: "pm-interac", jcb: "pm-jcb", unionpay: "pm-up", other: "pm-other" },
  undepositedFundsAccountId: "4",
} as const;

export const ONTARIO_HST: TaxRateInfo = { percent: 13, components: [{ taxRateId: "hst-on", percent: 13 }] };
export const QUEBEC_GST_QST: TaxRateInfo = {
  percent: 14.975,
  components: [
    { taxRateId: "gst", percent: 5 },
    { taxRateId: "qst", percent: 9.975 },
  ],
};
export const NYC: TaxRateInfo = { percent: 8.875 };
export const EXEMPT: TaxRateInfo = { percent: 0, components: [{ taxRateId: "zero", percent: 0 }] };

export function canadianContext(taxRate: TaxRateInfo = ONTARIO_HST): PostingContext {
  return { ...base, mapping: { ...base.mapping }, paymentMethodIds: { ...base.paymentMethodIds }, company: { usesUsSalesTax: false, automatedSalesTax: false }, taxRate };
}

export function usContext(taxRate: TaxRateInfo = NYC, automatedSalesTax = false): PostingContext {
  return { ...base, mapping: { ...base.mapping }, paymentMethodIds: { ...base.paymentMethodIds }, company: { usesUsSalesTax: true, automatedSalesTax }, taxRate };
}

export function transaction(overrides: Partial<CardTransaction> = {}): CardTransaction {
  return {
    processorId: "txn_MID-1001_20261120_00042",
    kind: "sale",
    amountMinor: 2599,
    taxMinor: null,
    tipMinor: null,
    cardBrand: "visa",
    last4: "4242",
    businessDate: "2026-11-20",
    ...overrides,
  };
}

/** Small deterministic PRNG (the demo's mulberry32, seeded as given) so property tests are reproducible. */
export function rng(seed: number): Rng {
  return mulberry32(seed);
}
