import { describe, expect, it } from "vitest";
// Test-only: the oracle reads Intuit's own XSDs (sandbox/test/intuit-xsd); see its header.
import { checkAgainstSchema, loadIntuitSchema } from "@/sandbox/test/intuit-xsd-oracle";
import { buildSettlementDocument, buildStandaloneFeeDocument } from "./posting-document";
import type { PostingDocument } from "./qbo-documents";
import { buildReceipt } from "./receipt";
import { EXEMPT, NYC, ONTARIO_HST, QUEBEC_GST_QST, canadianContext, transaction, usContext } from "./testing/fixtures";
import { notPosted, posted, typicalSettlement } from "./testing/settlements";
import type { PostingContext, Settlement } from "./types";

/**
 * Every kind of document the posting layer builds, checked against Intuit's schema for its
 * entity: only elements the schema defines, values from its enumerations, numbers and booleans
 * where it wants them.
 */
const schema = loadIntuitSchema();

const mixedSettlement: Settlement = {
  deposit: { processorId: "dep_MID-1001_20261121", amountMinor: 10_000 - 1_000 + 2_500 - 300 + 700 - 200 - 150, depositDate: "2026-11-21" },
  transactions: [
    posted("txn_1", "sale", 10_000, "101"),
    posted("txn_2", "refund", 1_000, "55"),
    notPosted("txn_3", "sale", 2_500, "before_connection"),
    notPosted("txn_4", "chargeback", 300, "paused"),
    notPosted("txn_5", "chargeback_reversal", 700, "resolved"),
    notPosted("txn_6", "refund", 200, "resolved"),
  ],
  fees: [{ processorId: "fee_1", kind: "processing", amountMinor: 150 }],
};

const negativeSettlement: Settlement = {
  deposit: { processorId: "dep_MID-1001_20261122", amountMinor: 1_000 - 5_000 + 400 - 1_500, depositDate: "2026-11-22" },
  transactions: [posted("txn_7", "sale", 1_000, "102"), posted("txn_8", "chargeback", 5_000, "56"), notPosted("txn_9", "sale", 400, "paused")],
  fees: [{ processorId: "fee_8", kind: "chargeback", amountMinor: 1_500 }],
};

const monthlyFee = { processorId: "fee_MID-1001_monthly_202611", kind: "monthly" as const, amountMinor: 2_500, businessDate: "2026-11-30" };

function documentsFor(context: PostingContext, label: string): [string, PostingDocument][] {
  return [
    [`${label} sale`, buildReceipt(transaction(), context)],
    [`${label} sale with tip and processor tax`, buildReceipt(transaction({ amountMinor: 3_099, tipMinor: 500, taxMinor: 299 }), context)],
    [`${label} 1¢ sale (no tax)`, buildReceipt(transaction({ amountMinor: 1 }), context)],
    [`${label} refund`, buildReceipt(transaction({ kind: "refund" }), context)],
    [`${label} chargeback`, buildReceipt(transaction({ kind: "chargeback", cardBrand: "amex", last4: "0005" }), context)],
    [`${label} chargeback reversal`, buildReceipt(transaction({ kind: "chargeback_reversal" }), context)],
    [`${label} deposit (linked receipts and fees)`, buildSettlementDocument(typicalSettlement(), context)],
    [`${label} deposit (linked, direct, resolved, fee lines)`, buildSettlementDocument(mixedSettlement, context)],
    [`${label} negative settlement (journal entry)`, buildSettlementDocument(negativeSettlement, context)],
    [`${label} monthly fee (purchase)`, buildStandaloneFeeDocument(monthlyFee, context)],
  ];
}

const cases: [string, PostingDocument][] = [
  ...documentsFor(canadianContext(ONTARIO_HST), "CA Ontario (tax inclusive)"),
  ...documentsFor(canadianContext(QUEBEC_GST_QST), "CA Quebec (two rates)"),
  ...documentsFor(canadianContext(EXEMPT), "CA exempt"),
  ...documentsFor(canadianContext({ percent: 13 }), "CA without rate ids"),
  ...documentsFor(usContext(NYC), "US (tax exclusive)"),
  ...documentsFor(usContext(NYC, true), "US Automated Sales Tax"),
];

describe("built documents conform to Intuit's XSD", () => {
  it("covers every entity the layer produces", () => {
    expect(new Set(cases.map(([, d]) => d.entity))).toEqual(new Set(["SalesReceipt", "RefundReceipt", "Deposit", "JournalEntry", "Purchase"]));
  });

  it.each(cases)("%s", (_label, document) => {
    expect(checkAgainstSchema(document.entity, document.body, schema)).toEqual([]);
  });

  it("the oracle does catch a wrong element or enumeration (so the checks above mean something)", () => {
    const [, sale] = cases[0];
    const bad = { ...sale.body, GlobalTaxCalculation: "TaxIncluded", CardNumber: "4242424242424242" };
    expect(checkAgainstSchema("SalesReceipt", bad, schema).length).toBeGreaterThanOrEqual(2);
  });
});
