import { describe, expect, it } from "vitest";
import { IngestError } from "./errors";
import { eventsOfBody, parseEvent, parseEvents } from "./events";
import { businessEvent, deposit, sale } from "./test-fixtures";

function errorOf(fn: () => unknown): IngestError {
  try {
    fn();
  } catch (error) {
    if (error instanceof IngestError) return error;
    throw error;
  }
  throw new Error("expected an IngestError");
}

describe("event schemas", () => {
  it("parses the issue's example events", () => {
    const events = parseEvents([
      { type: "business", id: "MID-1001", legalName: "Café Soleil inc.", country: "CA", region: "QC", currency: "CAD", timezone: "America/Montreal", ownerEmail: "Owner@Example.com", locale: "fr-CA" },
      { type: "transaction", id: "txn_1", merchantId: "MID-1001", kind: "sale", amountMinor: 1299, currency: "CAD", occurredAt: "2026-11-20T15:04:05-05:00", cardBrand: "visa", last4: "4242", taxMinor: 169, tipMinor: 0 },
      { type: "transaction", id: "txn_2", merchantId: "MID-1001", kind: "refund", amountMinor: 500, currency: "CAD", occurredAt: "2026-11-20T17:00:00-05:00", cardBrand: "visa", last4: "4242", originalTransactionId: "txn_1" },
      { type: "fee", id: "fee_1", merchantId: "MID-1001", kind: "processing", amountMinor: 38, currency: "CAD", occurredAt: "2026-11-20T15:04:05-05:00", transactionId: "txn_1" },
      { type: "deposit", id: "dep_1", merchantId: "MID-1001", depositDate: "2026-11-21", amountMinor: 761, currency: "CAD", bankLast4: "6789", transactionIds: ["txn_1", "txn_2"], feeIds: ["fee_1"] },
    ]);
    expect(events.map((e) => e.type)).toEqual(["business", "transaction", "transaction", "fee", "deposit"]);
    expect(events[0]).toMatchObject({ ownerEmail: "owner@example.com" });
  });

  it("accepts a negative or zero deposit amount (a debit), but not a fraction", () => {
    expect(parseEvent(deposit("M", "d", -2500, ["t"]), 0)).toMatchObject({ amountMinor: -2500 });
    expect(parseEvent(deposit("M", "d", 0, ["t"]), 0)).toMatchObject({ amountMinor: 0 });
    expect(errorOf(() => parseEvent(deposit("M", "d", 1.5, ["t"]), 3)).message).toBe('Event 3 (id "d"), field "amountMinor": must be an integer number of minor units (safe integer, no decimals)');
  });

  it("validates regions against the country", () => {
    for (const region of ["ON", "QC", "BC", "NU", "YT"]) expect(() => parseEvent(businessEvent("M", { region }), 0)).not.toThrow();
    for (const region of ["NY", "DC", "CA", "TX"]) expect(() => parseEvent(businessEvent("M", { country: "US", currency: "USD", region }), 0)).not.toThrow();
    expect(errorOf(() => parseEvent(businessEvent("M", { region: "XX" }), 0)).details).toEqual({ index: 0, id: "M", field: "region" });
    expect(errorOf(() => parseEvent(businessEvent("M", { country: "US", currency: "USD", region: "ON" }), 0)).message).toMatch(/not a US state or DC code/);
    expect(errorOf(() => parseEvent(businessEvent("M", { country: "MX" }), 0)).details?.field).toBe("country");
  });

  it("requires an original for refunds and refuses one on a sale", () => {
    expect(errorOf(() => parseEvent(sale("M", "t", 100, { originalTransactionId: "x" }), 0)).message).toMatch(/must not be set on a sale/);
    expect(errorOf(() => parseEvent(sale("M", "t", 100, { kind: "chargeback" }), 0)).message).toMatch(/is required for a chargeback/);
  });

  it("refuses tax plus tip above the amount, and negative parts", () => {
    expect(errorOf(() => parseEvent(sale("M", "t", 100, { taxMinor: 60, tipMinor: 50 }), 0)).details?.field).toBe("taxMinor");
    expect(errorOf(() => parseEvent(sale("M", "t", 100, { tipMinor: -1 }), 0)).details?.field).toBe("tipMinor");
  });

  it("names a missing field", () => {
    const { last4: _last4, ...withoutLast4 } = sale("M", "t", 100);
    expect(errorOf(() => parseEvent(withoutLast4, 2)).message).toBe('Event 2 (id "t"), field "last4": is required');
  });

  it("reads the envelope", () => {
    expect(eventsOfBody({ events: [1] })).toEqual([1]);
    for (const body of [null, [], { events: {} }, "x"]) expect(errorOf(() => eventsOfBody(body)).status).toBe(400);
  });
});
