import { describe, expect, it } from "vitest";
// Test-only: the sandbox's in-memory QuickBooks company (its books emulate QuickBooks' tax and
// deposit math). lib/ code never imports the sandbox; this test checks our documents against it.
import { allOf, type CompanyBooks } from "@/sandbox/src/accounting/books";
import { createEntity } from "@/sandbox/src/accounting/crud";
import { entityDef } from "@/sandbox/src/accounting/registry";
import { createCompanyBooks } from "@/sandbox/src/accounting/seed";
import { fromQboAmount } from "./money";
import { buildSettlementDocument, buildStandaloneFeeDocument } from "./posting-document";
import type { PostingDocument } from "./qbo-documents";
import { buildReceipt } from "./receipt";
import { rng } from "./testing/fixtures";
import { expectedTotalMinor } from "./testing/expected-total";
import type { CardBrand, CardTransaction, PostingContext, SettledTransaction, TransactionKind } from "./types";

const NOW = new Date("2026-11-28T12:00:00Z");
const BRANDS: CardBrand[] = ["visa", "mastercard", "amex", "discover", "interac", "jcb", "unionpay", "other"];

function post(books: CompanyBooks, document: PostingDocument): Record<string, unknown> {
  const created = createEntity(books, entityDef(document.entity)!, JSON.parse(JSON.stringify(document.body)), NOW).entity;
  const expected = expectedTotalMinor(document);
  if (expected !== null) expect(fromQboAmount(created.TotalAmt as number)).toBe(expected);
  return created;
}

/** A sandbox company set up the way the sync engine would: customer, service item, payment methods. */
function company(country: "CA" | "US", region: string, taxCodeName: string, automatedSalesTax = false) {
  const books = createCompanyBooks({ realmId: `r-${region}`, name: `Test ${region}`, country, region, automatedSalesTax, now: NOW });
  const create = (entity: string, body: unknown) => createEntity(books, entityDef(entity)!, body, NOW).entity.Id;
  const account = (name: string) => allOf(books, "Account").find((a) => a.Name === name)!.Id;
  const revenueAccountId = create("Account", { Name: "Card sales", AccountType: "Income", AccountSubType: "SalesOfProductIncome" });
  const code = allOf(books, "TaxCode").find((c) => c.Name === taxCodeName)!;
  const details = (code.SalesTaxRateList as { TaxRateDetail: { TaxRateRef: { value: string } }[] }).TaxRateDetail;
  const components = details.map((d) => ({
    taxRateId: d.TaxRateRef.value,
    percent: Number(allOf(books, "TaxRate").find((r) => r.Id === d.TaxRateRef.value)!.RateValue),
  }));
  const context: PostingContext = {
    company: { usesUsSalesTax: country === "US", automatedSalesTax },
    mapping: {
      bankAccountId: account(country === "CA" ? "Chequing" : "Checking"),
      revenueAccountId,
      expenseAccountId: account("Bank Charges"),
      customerId: create("Customer", { DisplayName: "Card customers" }),
      taxCodeId: code.Id,
    },
    serviceItemId: create("Item", { Name: "Card sales", Type: "Service", IncomeAccountRef: { value: revenueAccountId } }),
    paymentMethodIds: Object.fromEntries(BRANDS.map((b) => [b, create("PaymentMethod", { Name: `Card ${b}`, Type: "CREDIT_CARD" })])),
    undepositedFundsAccountId: books.systemAccounts.undepositedFunds,
    taxRate: { percent: Math.round(components.reduce((s, c) => s + c.percent, 0) * 1e6) / 1e6, components },
  };
  return { books, context };
}

const balance = (books: CompanyBooks, accountId: string) => books.balances[accountId] ?? 0;

describe.each([
  ["Ontario (HST 13 %)", "CA", "ON", "HST ON", false],
  ["Quebec (GST 5 % + QST 9.975 %)", "CA", "QC", "GST/QST QC - 9.975", false],
  ["New York City (8.875 %)", "US", "NY", "NYC", false],
  ["New York, Automated Sales Tax", "US", "NY", "NYC", true],
] as const)("against the sandbox's books: %s", (_name, country, region, taxCodeName, ast) => {
  it("every receipt totals the card amount; deposits tie to the bank; Undeposited Funds ends at zero; revenue, tax and fees add up", () => {
    const { books, context } = company(country, region, taxCodeName, ast);
    const r = rng(region.charCodeAt(0) * 31 + (ast ? 1 : 0));
    const kinds: TransactionKind[] = ["sale", "sale", "sale", "sale", "refund", "chargeback", "chargeback_reversal"];
    let expectedBank = 0;
    let expectedNet = 0; // revenue earned net of tax (sales − refunds), cents
    let expectedTax = 0;
    let expectedFees = 0;
    let negativeDays = 0;

    for (let day = 1; day <= 20; day++) {
      const date = `2026-10-${String(day).padStart(2, "0")}`;
      const settled: SettledTransaction[] = [];
      const fees: { processorId: string; kind: "processing" | "chargeback"; amountMinor: number }[] = [];
      // Every 5th day is a bad day: mostly refunds and chargebacks, so the settlement is negative.
      const bad = day % 5 === 0;
      for (let n = 1; n <= r.int(1, 25); n++) {
        const kind = bad ? r.pick<TransactionKind>(["refund", "chargeback", "sale"]) : r.pick(kinds);
        const amountMinor = r.pick([r.int(1, 99), r.int(100, 20_000), r.int(20_000, 500_000)]);
        const tipMinor = kind === "sale" && r.next() < 0.3 ? r.int(0, Math.floor(amountMinor / 5)) : null;
        const taxable = amountMinor - (tipMinor ?? 0);
        const taxMinor = r.next() < 0.5 ? Math.min(taxable, Math.round(taxable * 0.11)) : null;
        const t: CardTransaction = {
          processorId: `txn_MID-${region}_${date.replaceAll("-", "")}_${String(n).padStart(5, "0")}`,
          kind,
          amountMinor,
          taxMinor,
          tipMinor,
          cardBrand: r.pick(BRANDS),
          last4: String(r.int(0, 9999)).padStart(4, "0"),
          businessDate: date,
        };
        const sign = kind === "sale" || kind === "chargeback_reversal" ? 1 : -1;
        // Before the connection (day 1) nothing is posted: the deposit carries it as a direct line.
        if (day === 1) {
          settled.push({ transaction: t, posting: { status: "before_connection" } });
          expectedNet += sign * amountMinor; // the whole amount goes to revenue
        } else {
          const document = buildReceipt(t, context);
          const created = post(books, document);
          expect(fromQboAmount(created.TotalAmt as number), t.processorId).toBe(amountMinor);
          expect(created.DocNumber).toBe(document.body.DocNumber);
          const tax = fromQboAmount((created.TxnTaxDetail as { TotalTax: number }).TotalTax);
          expectedTax += sign * tax;
          expectedNet += sign * (amountMinor - tax);
          settled.push({ transaction: t, posting: { status: "posted", qboTxnId: created.Id as string } });
        }
        if (r.next() < 0.7) fees.push({ processorId: `fee_${t.processorId}`, kind: "processing", amountMinor: r.int(1, 300) });
        if (kind === "chargeback") fees.push({ processorId: `fee_cb_${t.processorId}`, kind: "chargeback", amountMinor: 1_500 });
      }
      const net = settled.reduce((s, x) => s + (x.transaction.kind === "sale" || x.transaction.kind === "chargeback_reversal" ? 1 : -1) * x.transaction.amountMinor, 0) - fees.reduce((s, f) => s + f.amountMinor, 0);
      const document = buildSettlementDocument({ deposit: { processorId: `dep_${region}_${day}`, amountMinor: net, depositDate: date }, transactions: settled, fees }, context);
      const created = post(books, document);
      if (document.entity === "Deposit") expect(fromQboAmount(created.TotalAmt as number)).toBe(net);
      else negativeDays++;
      expectedBank += net;
      expectedFees += fees.reduce((s, f) => s + f.amountMinor, 0);
    }
    // The monthly fee, debited on its own.
    post(books, buildStandaloneFeeDocument({ processorId: `fee_MID-${region}_monthly_202610`, kind: "monthly", amountMinor: 2_500, businessDate: "2026-10-31" }, context));
    expectedBank -= 2_500;
    expectedFees += 2_500;

    expect(negativeDays).toBeGreaterThan(0);
    expect(balance(books, context.undepositedFundsAccountId)).toBe(0);
    expect(balance(books, context.mapping.bankAccountId)).toBe(expectedBank);
    expect(balance(books, context.mapping.revenueAccountId)).toBe(-expectedNet);
    expect(balance(books, context.mapping.expenseAccountId)).toBe(expectedFees);
    // Everything else that moved is sales tax owed (credit balances).
    const known = new Set([context.undepositedFundsAccountId, context.mapping.bankAccountId, context.mapping.revenueAccountId, context.mapping.expenseAccountId]);
    const taxBalance = Object.entries(books.balances).filter(([id]) => !known.has(id)).reduce((s, [, cents]) => s + cents, 0);
    expect(taxBalance).toBe(-expectedTax);
  });
});
