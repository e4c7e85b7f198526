import { describe, expect, it } from "vitest";
import { createCompanyBooks, handleAccountingRequest } from "../src/accounting";

/**
 * Malformed requests (valid documents with parts dropped or replaced by odd values, sent as
 * creates, updates, deletes and voids) must always get a QuickBooks answer, never a sandbox crash,
 * and the books must stay balanced and consistent with their indexes whatever got through.
 */
const now = new Date("2026-03-10T12:00:00Z");
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

// A fixed-seed generator: the same requests on every run.
let seed = 1;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const weird = [null, 0, -1, 1.234567, "x", "", true, [], {}, [1], { value: "1" }, { value: null }, "2026-13-01", 1e12, [null], [{}]];
/** The document with some parts dropped and some replaced by odd values. */
function mutate(v: unknown): any { // eslint-disable-line @typescript-eslint/no-explicit-any
  if (rnd() < 0.15) return weird[Math.floor(rnd() * weird.length)];
  if (Array.isArray(v)) return v.map((x) => mutate(x));
  if (v && typeof v === "object") {
    const o: Json = {};
    for (const [k, x] of Object.entries(v)) if (rnd() > 0.1) o[k] = mutate(x);
    return o;
  }
  return v;
}
const bodies: Record<string, Json> = {
  "/salesreceipt": { DocNumber: "A", TxnDate: "2026-03-01", GlobalTaxCalculation: "TaxExcluded", CustomerRef: { value: "1" }, TxnTaxDetail: { TxnTaxCodeRef: { value: "1" }, TotalTax: 1, TaxLine: [{ Amount: 1, DetailType: "TaxLineDetail", TaxLineDetail: { TaxRateRef: { value: "1" } } }] }, Line: [{ DetailType: "SalesItemLineDetail", Amount: 10, SalesItemLineDetail: { ItemRef: { value: "1" }, Qty: 1, UnitPrice: 10, TaxCodeRef: { value: "1" }, TaxInclusiveAmt: 11 } }] },
  "/refundreceipt": { DepositToAccountRef: { value: "3" }, GlobalTaxCalculation: "TaxInclusive", Line: [{ DetailType: "SalesItemLineDetail", Amount: 10, SalesItemLineDetail: { ItemRef: { value: "1" }, TaxCodeRef: { value: "2" } } }] },
  "/deposit": { DepositToAccountRef: { value: "1" }, CashBack: { AccountRef: { value: "1" }, Amount: 1 }, Line: [{ Amount: 11.3, LinkedTxn: [{ TxnId: "1", TxnType: "SalesReceipt", TxnLineId: "0" }] }, { DetailType: "DepositLineDetail", Amount: -1, DepositLineDetail: { AccountRef: { value: "17" }, Entity: { value: "1" } } }] },
  "/purchase": { AccountRef: { value: "1" }, PaymentType: "Cash", GlobalTaxCalculation: "TaxExcluded", Line: [{ DetailType: "AccountBasedExpenseLineDetail", Amount: 3, AccountBasedExpenseLineDetail: { AccountRef: { value: "16" }, TaxCodeRef: { value: "2" } } }] },
  "/journalentry": { Line: [{ DetailType: "JournalEntryLineDetail", Amount: 5, JournalEntryLineDetail: { PostingType: "Debit", AccountRef: { value: "2" }, Entity: { Type: "Customer", EntityRef: { value: "1" } } } }, { DetailType: "JournalEntryLineDetail", Amount: 5, JournalEntryLineDetail: { PostingType: "Credit", AccountRef: { value: "1" } } }] },
  "/customer": { DisplayName: "C", PrimaryEmailAddr: { Address: "a@b.co" }, BillAddr: { Line1: "x" }, DefaultTaxCodeRef: { value: "1" } },
  "/account": { Name: "N", AccountType: "Expense", AccountSubType: "BankCharges", ParentRef: { value: "16" }, OpeningBalance: 5, OpeningBalanceDate: "2026-01-01" },
  "/item": { Name: "I", Type: "Service", IncomeAccountRef: { value: "12" }, UnitPrice: 1 },
  "/paymentmethod": { Name: "P", Type: "CREDIT_CARD" },
  "/batch": { BatchItemRequest: [{ bId: "1", operation: "create", Customer: { DisplayName: "Q" } }, { bId: "2", Query: "select * from Customer" }] },
};

describe.each(["CA", "US"] as const)("malformed requests in a %s company", (country) => {
  it("get a QuickBooks answer and leave balanced, consistent books", () => {
    const books = createCompanyBooks({ realmId: "fuzz", name: "Fuzz Co", country, region: country === "CA" ? "ON" : "NY", now });
    handleAccountingRequest(books, { method: "POST", path: "/customer", query: new URLSearchParams(), body: { DisplayName: "Base" }, now });
    const statuses = new Set<number>();
    for (let i = 0; i < 300; i++) {
      for (const [path, body] of Object.entries(bodies)) {
        const m = mutate(body);
        const op = rnd() < 0.8 ? null : [null, "update", "delete", "void"][Math.floor(rnd() * 4)];
        if (op && m && typeof m === "object") {
          m.Id = String(1 + Math.floor(rnd() * 5));
          m.SyncToken = "0";
          if (rnd() < 0.5) m.sparse = true;
        }
        const res = handleAccountingRequest(books, { method: "POST", path, query: new URLSearchParams(op ? { operation: op } : {}), body: m, now });
        statuses.add(res.status);
      }
    }
    expect([...statuses].sort()).toEqual([200, 400]);
    expect(books.journal.reduce((a, l) => a + l.cents, 0)).toBe(0);
    const recomputed: Record<string, number> = {};
    for (const l of books.journal) recomputed[l.account] = (recomputed[l.account] ?? 0) + l.cents;
    for (const account of Object.keys({ ...recomputed, ...books.balances })) expect(books.balances[account] ?? 0).toBe(recomputed[account] ?? 0);
    for (const [key, depositId] of Object.entries(books.deposited)) {
      const [type, id] = key.split(":");
      const deposit = books.entities.Deposit?.[depositId];
      expect(books.entities[type]?.[id]).toBeDefined();
      expect((deposit?.Line as Json[]).some((l) => l.LinkedTxn?.[0]?.TxnId === id && l.LinkedTxn[0].TxnType === type)).toBe(true);
    }
    const tb = handleAccountingRequest(books, { method: "GET", path: "/reports/TrialBalance", query: new URLSearchParams({ start_date: "1900-01-01", end_date: "2100-01-01" }), body: undefined, now }).body as Json;
    const total = tb.Rows.Row.at(-1).Summary.ColData;
    expect(total[1].value).toBe(total[2].value);
  });
});
