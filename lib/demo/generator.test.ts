import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { businesses, cardTransactions } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-database";
import { generateDemoActivity, settlementDateFor, type DemoBusiness } from "./generator";
import type { DepositEvent, FeeEvent, ProcessorEvent, TransactionEvent } from "@/lib/processor/events";
import { ingestEvents } from "@/lib/processor/ingest";
import { addDays, businessDateOf, dayOfWeek } from "@/lib/processor/timezone";

const ONTARIO: DemoBusiness = {
  merchantId: "MID-G1",
  legalName: "Café Générateur inc.",
  country: "CA",
  region: "ON",
  currency: "CAD",
  timezone: "America/Toronto",
  ownerEmail: "gen-owner@example.test",
  locale: "en",
};
const QUEBEC: DemoBusiness = { ...ONTARIO, merchantId: "MID-G2", region: "QC", timezone: "America/Montreal", ownerEmail: "gen-qc@example.test", locale: "fr-CA" };
const NEW_YORK: DemoBusiness = { ...ONTARIO, merchantId: "MID-G3", country: "US", region: "NY", currency: "USD", timezone: "America/New_York", ownerEmail: "gen-ny@example.test" };

const transactionsOf = (events: ProcessorEvent[]) => events.filter((e): e is TransactionEvent => e.type === "transaction");
const feesOf = (events: ProcessorEvent[]) => events.filter((e): e is FeeEvent => e.type === "fee");
const depositsOf = (events: ProcessorEvent[]) => events.filter((e): e is DepositEvent => e.type === "deposit");

const SIGN = { sale: 1, refund: -1, chargeback: -1, chargeback_reversal: 1 } as const;

describe("demo generator", () => {
  const events = generateDemoActivity({ business: ONTARIO, endDate: "2026-11-26", days: 90, seed: "test" });
  const transactions = transactionsOf(events);
  const fees = feesOf(events);
  const deposits = depositsOf(events);
  const localDate = (iso: string) => businessDateOf(new Date(iso), ONTARIO.timezone);

  it("is deterministic for a seed and differs for another", () => {
    expect(generateDemoActivity({ business: ONTARIO, endDate: "2026-11-26", days: 90, seed: "test" })).toEqual(events);
    expect(generateDemoActivity({ business: ONTARIO, endDate: "2026-11-26", days: 90, seed: "other" })).not.toEqual(events);
  });

  it("regenerates earlier days identically when the same start is run to a later end", () => {
    const start = "2026-09-01";
    const longer = new Map(generateDemoActivity({ business: ONTARIO, startDate: start, endDate: "2026-11-26" }).map((e) => [`${e.type}:${e.id}`, e]));
    for (const end of ["2026-10-10", "2026-10-11", "2026-10-12", "2026-10-16"]) {
      for (const event of generateDemoActivity({ business: ONTARIO, startDate: start, endDate: end })) {
        expect(longer.get(`${event.type}:${event.id}`)).toEqual(event);
      }
    }
  });

  it("starts with the business event and has activity on every day", () => {
    expect(events[0]).toMatchObject({ type: "business", id: "MID-G1", region: "ON", currency: "CAD" });
    const days = new Set(transactions.map((t) => localDate(t.occurredAt)));
    expect(days.size).toBe(90);
    expect([...days].sort()[0]).toBe("2026-08-29");
  });

  it("has refunds, chargebacks and reversals that point at earlier records of the right kind", () => {
    const byId = new Map(transactions.map((t, i) => [t.id, { t, i }]));
    const kinds = new Set(transactions.map((t) => t.kind));
    expect(kinds).toEqual(new Set(["sale", "refund", "chargeback", "chargeback_reversal"]));
    transactions.forEach((t, i) => {
      if (t.kind === "sale") return;
      const original = byId.get(t.originalTransactionId!)!;
      expect(original.i).toBeLessThan(i);
      expect(original.t.kind).toBe(t.kind === "chargeback_reversal" ? "chargeback" : "sale");
    });
    // Refunds never exceed what the sale had left.
    const refunded = new Map<string, number>();
    for (const t of transactions) if (t.kind === "refund") refunded.set(t.originalTransactionId!, (refunded.get(t.originalTransactionId!) ?? 0) + t.amountMinor);
    for (const [id, amount] of refunded) expect(amount).toBeLessThanOrEqual(byId.get(id)!.t.amountMinor);
  });

  it("uses realistic card brands, amounts and Ontario's 13% HST inside the amount", () => {
    const sales = transactions.filter((t) => t.kind === "sale");
    const share = (brand: string) => sales.filter((s) => s.cardBrand === brand).length / sales.length;
    expect(share("visa")).toBeGreaterThan(0.4);
    expect(share("visa")).toBeLessThan(0.5);
    expect(share("mastercard")).toBeGreaterThan(0.25);
    expect(share("interac")).toBeGreaterThan(0.11);
    expect(share("discover")).toBe(0);
    const amounts = sales.map((s) => s.amountMinor).sort((a, b) => a - b);
    const median = amounts[Math.floor(amounts.length / 2)];
    expect(median).toBeGreaterThan(1800);
    expect(median).toBeLessThan(3200);
    for (const s of sales) {
      const base = s.amountMinor - (s.tipMinor ?? 0);
      expect(s.taxMinor).toBe(Math.round(base - base / 1.13));
    }
    expect(sales.filter((s) => (s.tipMinor ?? 0) > 0).length / sales.length).toBeGreaterThan(0.2);
  });

  it("uses Quebec's GST + QST and New York City's rate, and US brands", () => {
    const qc = transactionsOf(generateDemoActivity({ business: QUEBEC, endDate: "2026-11-26", days: 5 })).filter((t) => t.kind === "sale");
    for (const s of qc) expect(s.taxMinor).toBe(Math.round(s.amountMinor - s.tipMinor! - (s.amountMinor - s.tipMinor!) / 1.14975));
    const ny = transactionsOf(generateDemoActivity({ business: NEW_YORK, endDate: "2026-11-26", days: 30 })).filter((t) => t.kind === "sale");
    for (const s of ny) expect(s.taxMinor).toBe(Math.round(s.amountMinor - s.tipMinor! - (s.amountMinor - s.tipMinor!) / 1.08875));
    expect(ny.some((s) => s.cardBrand === "discover")).toBe(true);
    expect(ny.some((s) => s.cardBrand === "interac")).toBe(false);
    expect(new Set(ny.map((s) => s.currency))).toEqual(new Set(["USD"]));
    // Local times carry the offset of their day: EDT until Sunday Nov 1, 2026, EST after.
    for (const s of ny) expect(s.occurredAt.slice(19)).toBe(s.occurredAt.slice(0, 10) < "2026-11-01" ? "-04:00" : "-05:00");
  });

  it("charges a processing fee per sale and a chargeback fee per chargeback", () => {
    const feeByTransaction = new Map(fees.filter((f) => f.transactionId).map((f) => [f.transactionId!, f]));
    for (const t of transactions) {
      if (t.kind === "sale") expect(feeByTransaction.get(t.id)?.kind).toBe("processing");
      if (t.kind === "chargeback") expect(feeByTransaction.get(t.id)).toMatchObject({ kind: "chargeback", amountMinor: 1500 });
    }
    const visaFee = fees.find((f) => f.kind === "processing" && transactions.find((t) => t.id === f.transactionId)?.cardBrand === "visa")!;
    const visaSale = transactions.find((t) => t.id === visaFee.transactionId)!;
    expect(visaFee.amountMinor).toBe(Math.round(visaSale.amountMinor * 0.026) + 10);
  });

  it("emits deposits whose amount is exactly the signed net of their items", () => {
    const amountOf = new Map<string, number>([
      ...transactions.map((t) => [t.id, SIGN[t.kind] * t.amountMinor] as const),
      ...fees.map((f) => [f.id, -f.amountMinor] as const),
    ]);
    expect(deposits.length).toBeGreaterThan(55);
    for (const d of deposits) {
      const net = [...d.transactionIds, ...d.feeIds].reduce((sum, id) => sum + amountOf.get(id)!, 0);
      expect(d.amountMinor).toBe(net);
      expect(dayOfWeek(d.depositDate)).not.toBe(0);
      expect(dayOfWeek(d.depositDate)).not.toBe(6);
    }
  });

  it("settles each day on the next business day: Friday, Saturday and Sunday on Monday", () => {
    const depositOf = new Map<string, DepositEvent>();
    for (const d of deposits) for (const id of [...d.transactionIds, ...d.feeIds]) depositOf.set(id, d);
    let weekendItems = 0;
    for (const t of transactions) {
      const date = localDate(t.occurredAt);
      const d = depositOf.get(t.id);
      if (!d) {
        // Only the last days are still waiting for their deposit.
        expect(settlementDateFor(date) > addDays("2026-11-26", 1)).toBe(true);
        continue;
      }
      expect(d.depositDate).toBe(settlementDateFor(date));
      if ([5, 6, 0].includes(dayOfWeek(date))) {
        expect(dayOfWeek(d.depositDate)).toBe(1);
        weekendItems++;
      } else {
        expect(d.depositDate).toBe(addDays(date, 1));
      }
    }
    expect(weekendItems).toBeGreaterThan(100);
    expect(settlementDateFor("2026-11-21")).toBe("2026-11-23"); // Saturday → Monday
  });

  it("debits a monthly fee on the 1st that no deposit lists", () => {
    const monthly = fees.filter((f) => f.kind === "monthly");
    expect(monthly.map((f) => localDate(f.occurredAt))).toEqual(["2026-09-01", "2026-10-01", "2026-11-01"]);
    const listed = new Set(deposits.flatMap((d) => d.feeIds));
    for (const f of monthly) expect(listed.has(f.id)).toBe(false);
    const unlisted = fees.filter((f) => !listed.has(f.id) && f.kind !== "monthly");
    for (const f of unlisted) expect(settlementDateFor(localDate(f.occurredAt)) > "2026-11-27").toBe(true);
  });

  it("makes exactly the requested number of sales per day and can settle everything", () => {
    const day = generateDemoActivity({ business: ONTARIO, endDate: "2026-11-20", days: 1, transactionsPerDay: 10_000, depositsThrough: "9999-12-31" });
    expect(transactionsOf(day).filter((t) => t.kind === "sale")).toHaveLength(10_000);
    const [deposit] = depositsOf(day);
    expect(deposit.depositDate).toBe("2026-11-23");
    expect(deposit.transactionIds.length).toBe(transactionsOf(day).length);
  });
});

// Tens of thousands of rows per test: more than the default 30 s on a busy machine.
describe("demo generator output ingests", { timeout: 120_000 }, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it.each([ONTARIO, QUEBEC, NEW_YORK])("$merchantId: 60 days ingest with every event accepted, then all duplicates", async (business) => {
    const events = generateDemoActivity({ business, endDate: "2026-11-26", days: 60, seed: "ingest" });
    expect(await ingestEvents(database.db, events)).toEqual({ accepted: events.length, duplicates: 0 });
    expect(await ingestEvents(database.db, events)).toEqual({ accepted: 0, duplicates: events.length });
  });

  it("ingests a 10,000-transaction day in one batch", async () => {
    const events = generateDemoActivity({ business: { ...ONTARIO, merchantId: "MID-BIG" }, endDate: "2026-11-20", days: 1, transactionsPerDay: 10_000, depositsThrough: "9999-12-31" });
    // How long it takes is the benchmarks' business (no speed assertions in tests): here, that it all lands.
    const result = await ingestEvents(database.db, events);
    expect(result).toEqual({ accepted: events.length, duplicates: 0 });
    const [{ n }] = await database.db.select({ n: count() }).from(cardTransactions).innerJoin(businesses, eq(businesses.id, cardTransactions.businessId)).where(eq(businesses.merchantId, "MID-BIG"));
    expect(n).toBe(events.filter((e) => e.type === "transaction").length);
  });
});
