import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { businesses, cardTransactions, fees, memberships, settlementDeposits, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-database";
import { IngestError } from "./errors";
import { ingestEvents } from "./ingest";
import { businessEvent, deposit, expectRejected, fee, legalNameOf, linked, sale, tableCounts } from "./test-fixtures";

const MID = "MID-T1";
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await ingestEvents(database.db, [
    businessEvent(MID),
    sale(MID, "base_sale_1", 1000),
    sale(MID, "base_sale_2", 2000),
    fee(MID, "base_fee_1", 36, { transactionId: "base_sale_1" }),
    linked("chargeback", MID, "base_cb_1", "base_sale_2", 2000),
    deposit(MID, "base_dep_1", 1000 - 36, ["base_sale_1"], ["base_fee_1"]),
  ]);
});

afterAll(async () => {
  await database?.drop();
});

const db = () => database.db;

async function businessId(merchantId = MID): Promise<string> {
  const [row] = await db().select({ id: businesses.id }).from(businesses).where(eq(businesses.merchantId, merchantId));
  return row.id;
}

describe("ingest errors: 400 naming index, id and field, nothing written", () => {
  // Each rejected batch starts with a valid new event: the assertion that no table changed proves
  // the whole batch rolled back, not just the bad event.
  const okFirst = (id: string) => sale(MID, id, 500);

  it("unknown type", async () => {
    await expectRejected(db(), [okFirst("e1_ok"), { type: "payout", id: "po_1", merchantId: MID }], { status: 400, index: 1, id: "po_1", field: "type", message: /unknown type "payout"/ });
  });

  it("missing type", async () => {
    await expectRejected(db(), [okFirst("e1b_ok"), { id: "x_1" }], { status: 400, index: 1, id: "x_1", field: "type" });
  });

  it("unknown transaction kind", async () => {
    await expectRejected(db(), [okFirst("e2_ok"), sale(MID, "k_1", 100, { kind: "cashback" })], { status: 400, index: 1, id: "k_1", field: "kind", message: /unknown kind "cashback"/ });
  });

  it("unknown fee kind", async () => {
    await expectRejected(db(), [okFirst("e3_ok"), fee(MID, "fk_1", 100, { kind: "annual" })], { status: 400, index: 1, id: "fk_1", field: "kind" });
  });

  it("unknown card brand", async () => {
    await expectRejected(db(), [okFirst("e3b_ok"), sale(MID, "cb_x", 100, { cardBrand: "diners" })], { status: 400, index: 1, id: "cb_x", field: "cardBrand" });
  });

  it.each([
    ["a fraction", 12.5],
    ["zero", 0],
    ["negative", -300],
    ["a string", "1299"],
    ["beyond safe integers", 2 ** 60],
  ])("transaction amount that is %s", async (_label, amount) => {
    await expectRejected(db(), [okFirst("e4_ok"), sale(MID, "amt_1", amount as number)], { status: 400, index: 1, id: "amt_1", field: "amountMinor" });
  });

  it.each([
    ["a fraction", 1.5],
    ["zero", 0],
    ["negative", -1],
  ])("fee amount that is %s", async (_label, amount) => {
    await expectRejected(db(), [okFirst("e5_ok"), fee(MID, "famt_1", amount)], { status: 400, index: 1, id: "famt_1", field: "amountMinor" });
  });

  it("deposit amount that is not an integer", async () => {
    await expectRejected(db(), [okFirst("e5b_ok"), deposit(MID, "dfrac", 4.5, ["e5b_ok"])], { status: 400, index: 1, id: "dfrac", field: "amountMinor" });
  });

  it("a currency other than the business's", async () => {
    await expectRejected(db(), [okFirst("e6_ok"), sale(MID, "usd_1", 100, { currency: "USD" })], { status: 400, index: 1, id: "usd_1", field: "currency", message: /USD is not the business's currency \(CAD\)/ });
    await expectRejected(db(), [okFirst("e6b_ok"), fee(MID, "usd_f", 100, { currency: "USD" })], { status: 400, index: 1, id: "usd_f", field: "currency" });
    await expectRejected(db(), [okFirst("e6c_ok"), deposit(MID, "usd_d", 500, ["e6c_ok"], [], { currency: "USD" })], { status: 400, index: 1, id: "usd_d", field: "currency" });
  });

  it("a currency that does not exist", async () => {
    await expectRejected(db(), [okFirst("e6d_ok"), sale(MID, "eur_1", 100, { currency: "EUR" })], { status: 400, index: 1, id: "eur_1", field: "currency" });
  });

  it("an unknown business", async () => {
    await expectRejected(db(), [okFirst("e7_ok"), sale("MID-NOPE", "nb_1", 100)], { status: 400, index: 1, id: "nb_1", field: "merchantId", message: /unknown business "MID-NOPE"/ });
  });

  it.each(["refund", "chargeback", "chargeback_reversal"] as const)("a %s whose original is unknown", async (kind) => {
    await expectRejected(db(), [okFirst(`e8_${kind}_ok`), linked(kind, MID, `orig_${kind}`, "no_such_txn", 100)], {
      status: 400,
      index: 1,
      id: `orig_${kind}`,
      field: "originalTransactionId",
      message: /unknown original transaction "no_such_txn"/,
    });
  });

  it("a refund without an original", async () => {
    await expectRejected(db(), [okFirst("e9_ok"), { ...linked("refund", MID, "r_noorig", "x", 100), originalTransactionId: undefined }], { status: 400, index: 1, id: "r_noorig", field: "originalTransactionId" });
  });

  it("a reversal whose original is a sale rather than a chargeback", async () => {
    await expectRejected(db(), [okFirst("e10_ok"), linked("chargeback_reversal", MID, "rev_bad", "base_sale_1", 100)], { status: 400, index: 1, id: "rev_bad", field: "originalTransactionId", message: /must be a chargeback/ });
  });

  it("a fee whose transaction is unknown", async () => {
    await expectRejected(db(), [okFirst("e11_ok"), fee(MID, "f_orphan", 10, { transactionId: "nope" })], { status: 400, index: 1, id: "f_orphan", field: "transactionId" });
  });

  it("a deposit whose amount is not the net of its items", async () => {
    await expectRejected(db(), [okFirst("e12_ok"), fee(MID, "e12_fee", 25, { transactionId: "e12_ok" }), deposit(MID, "dep_wrong", 500, ["e12_ok"], ["e12_fee"])], {
      status: 400,
      index: 2,
      id: "dep_wrong",
      field: "amountMinor",
      message: /net to 475 \(sales 500 − refunds 0 − chargebacks 0 \+ reversals 0 − fees 25\)/,
    });
  });

  it("a deposit that lists a transaction twice", async () => {
    await expectRejected(db(), [okFirst("e13_ok"), deposit(MID, "dep_twice", 1000, ["e13_ok", "e13_ok"])], { status: 400, index: 1, id: "dep_twice", field: "transactionIds.1", message: /twice/ });
  });

  it("a deposit that lists a fee twice", async () => {
    await expectRejected(db(), [okFirst("e13b_ok"), fee(MID, "e13b_fee", 5), deposit(MID, "dep_twice_f", -10, [], ["e13b_fee", "e13b_fee"])], { status: 400, index: 2, id: "dep_twice_f", field: "feeIds.1" });
  });

  it("a deposit listing an item already settled by a stored deposit", async () => {
    await expectRejected(db(), [okFirst("e14_ok"), deposit(MID, "dep_again", 1500, ["e14_ok", "base_sale_1"])], { status: 400, index: 1, id: "dep_again", field: "transactionIds.1", message: /already settled/ });
    await expectRejected(db(), [okFirst("e14b_ok"), deposit(MID, "dep_again_f", 500 - 36, ["e14b_ok"], ["base_fee_1"])], { status: 400, index: 1, id: "dep_again_f", field: "feeIds.0", message: /already settled/ });
  });

  it("a deposit listing an item settled by an earlier deposit of the same batch", async () => {
    await expectRejected(db(), [okFirst("e15_ok"), deposit(MID, "dep_a", 500, ["e15_ok"]), deposit(MID, "dep_b", 500, ["e15_ok"])], { status: 400, index: 2, id: "dep_b", field: "transactionIds.0", message: /already settled/ });
  });

  it("a deposit listing unknown items", async () => {
    await expectRejected(db(), [okFirst("e16_ok"), deposit(MID, "dep_unknown", 500, ["e16_ok", "ghost"])], { status: 400, index: 1, id: "dep_unknown", field: "transactionIds.1", message: /unknown transaction "ghost"/ });
    await expectRejected(db(), [okFirst("e16b_ok"), deposit(MID, "dep_unknown_f", 500, ["e16b_ok"], ["ghost_fee"])], { status: 400, index: 1, id: "dep_unknown_f", field: "feeIds.0", message: /unknown fee "ghost_fee"/ });
  });

  it("a deposit listing nothing", async () => {
    await expectRejected(db(), [okFirst("e17_ok"), deposit(MID, "dep_empty", 0, [])], { status: 400, index: 1, id: "dep_empty", field: "transactionIds" });
  });

  it("malformed fields: timestamp without offset, last 4, date, region, timezone, email", async () => {
    await expectRejected(db(), [okFirst("e18_ok"), sale(MID, "ts_1", 100, { occurredAt: "2026-11-20T15:04:05" })], { status: 400, index: 1, id: "ts_1", field: "occurredAt" });
    await expectRejected(db(), [okFirst("e18_ok"), sale(MID, "l4_1", 100, { last4: "42a2" })], { status: 400, index: 1, id: "l4_1", field: "last4" });
    await expectRejected(db(), [okFirst("e18_ok"), deposit(MID, "dd_1", 100, ["e18_ok"], [], { depositDate: "2026-02-30" })], { status: 400, index: 1, id: "dd_1", field: "depositDate" });
    await expectRejected(db(), [okFirst("e18_ok"), businessEvent("MID-R", { region: "NY" })], { status: 400, index: 1, id: "MID-R", field: "region", message: /Canadian province/ });
    await expectRejected(db(), [okFirst("e18_ok"), businessEvent("MID-R", { country: "US", region: "QC", currency: "USD" })], { status: 400, index: 1, id: "MID-R", field: "region" });
    await expectRejected(db(), [okFirst("e18_ok"), businessEvent("MID-R", { timezone: "America/Nowhere" })], { status: 400, index: 1, id: "MID-R", field: "timezone" });
    await expectRejected(db(), [okFirst("e18_ok"), businessEvent("MID-R", { ownerEmail: "not-an-email" })], { status: 400, index: 1, id: "MID-R", field: "ownerEmail" });
  });

  it("an event that is not an object", async () => {
    await expectRejected(db(), [okFirst("e19_ok"), "sale"], { status: 400, index: 1 });
  });

  it("a change of a business's currency", async () => {
    await expectRejected(db(), [businessEvent(MID, { currency: "USD", legalName: "Renamed" })], { status: 400, index: 0, id: MID, field: "currency" });
    expect(await legalNameOf(db(), MID)).toBe(`${MID} Café inc.`);
  });
});

describe("idempotency", () => {
  it("counts the same events again as duplicates and writes nothing", async () => {
    const batch = [sale(MID, "idem_1", 700), fee(MID, "idem_fee", 20, { transactionId: "idem_1" }), deposit(MID, "idem_dep", 680, ["idem_1"], ["idem_fee"])];
    expect(await ingestEvents(db(), batch)).toEqual({ accepted: 3, duplicates: 0 });
    const before = await tableCounts(db());
    expect(await ingestEvents(db(), batch)).toEqual({ accepted: 0, duplicates: 3 });
    expect(await tableCounts(db())).toEqual(before);
  });

  it("treats key order as the same content", async () => {
    const event = sale(MID, "idem_order", 321);
    await ingestEvents(db(), [event]);
    const reordered = Object.fromEntries(Object.entries(event).reverse());
    expect(await ingestEvents(db(), [reordered])).toEqual({ accepted: 0, duplicates: 1 });
  });

  it("counts a repeat inside one batch as a duplicate", async () => {
    const event = sale(MID, "idem_same_batch", 400);
    expect(await ingestEvents(db(), [event, event])).toEqual({ accepted: 1, duplicates: 1 });
  });

  it("answers 409 naming the id when an id comes back with different content", async () => {
    await ingestEvents(db(), [sale(MID, "idem_changed", 1299)]);
    const error = await expectRejected(db(), [sale(MID, "fresh_before_conflict", 10), sale(MID, "idem_changed", 1300)], { status: 409, index: 1, id: "idem_changed" });
    expect(error.message).toMatch(/already received with different content/);
    await expectRejected(db(), [deposit(MID, "base_dep_1", 964, ["base_sale_1"], ["base_fee_1"], { bankLast4: "0000" })], { status: 409, index: 0, id: "base_dep_1" });
    await expectRejected(db(), [fee(MID, "base_fee_1", 37, { transactionId: "base_sale_1" })], { status: 409, index: 0, id: "base_fee_1" });
  });

  it("answers 409 for a conflicting repeat inside one batch", async () => {
    await expectRejected(db(), [sale(MID, "dup_in_batch", 100), sale(MID, "dup_in_batch", 101)], { status: 409, index: 1, id: "dup_in_batch" });
  });
});

describe("businesses and owners", () => {
  it("creates a business and its owner (lower-cased, no password, the event's locale)", async () => {
    const result = await ingestEvents(db(), [businessEvent("MID-NEW", { ownerEmail: "  Proprietaire.Nouveau@Example.TEST ", locale: "fr-CA", country: "CA", region: "QC", timezone: "America/Montreal" })]);
    expect(result).toEqual({ accepted: 1, duplicates: 0 });
    const [owner] = await db().select().from(users).where(eq(users.email, "proprietaire.nouveau@example.test"));
    expect(owner).toMatchObject({ passwordHash: null, locale: "fr-CA", isSupport: false });
    const id = await businessId("MID-NEW");
    const [membership] = await db().select().from(memberships).where(and(eq(memberships.businessId, id), eq(memberships.userId, owner.id)));
    expect(membership.role).toBe("owner");
  });

  it("updates a business, adds a second owner and keeps the first", async () => {
    // A business of its own (created here), so this test does not depend on the one above.
    await ingestEvents(db(), [businessEvent("MID-UPDATED", { ownerEmail: "first.owner@example.test", locale: "fr-CA", country: "CA", region: "QC", timezone: "America/Montreal" })]);
    const id = await businessId("MID-UPDATED");
    const update = businessEvent("MID-UPDATED", { legalName: "Nouveau nom inc.", region: "QC", timezone: "America/Toronto", ownerEmail: "second@example.test", locale: "fr-CA" });
    expect(await ingestEvents(db(), [update])).toEqual({ accepted: 1, duplicates: 0 });
    const [row] = await db().select().from(businesses).where(eq(businesses.id, id));
    expect(row).toMatchObject({ legalName: "Nouveau nom inc.", timezone: "America/Toronto" });
    const owners = await db().select({ email: users.email }).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(and(eq(memberships.businessId, id), eq(memberships.role, "owner")));
    expect(owners.map((o) => o.email).sort()).toEqual(["first.owner@example.test", "second@example.test"]);
    // The same event again changes nothing.
    expect(await ingestEvents(db(), [update])).toEqual({ accepted: 0, duplicates: 1 });
  });

  it("makes an existing member the owner and does not touch an existing user's locale", async () => {
    const id = await businessId(MID);
    const [user] = await db().insert(users).values({ email: "accountant-t1@example.test", locale: "en" }).returning();
    await db().insert(memberships).values({ userId: user.id, businessId: id, role: "accountant" });
    await ingestEvents(db(), [businessEvent(MID, { ownerEmail: "ACCOUNTANT-T1@example.test", locale: "fr-CA" })]);
    const [membership] = await db().select().from(memberships).where(and(eq(memberships.businessId, id), eq(memberships.userId, user.id)));
    expect(membership.role).toBe("owner");
    const [after] = await db().select().from(users).where(eq(users.id, user.id));
    expect(after.locale).toBe("en");
  });

  it("accepts records after their business event in the same batch", async () => {
    const result = await ingestEvents(db(), [businessEvent("MID-INLINE", { country: "US", region: "NY", currency: "USD", timezone: "America/New_York" }), sale("MID-INLINE", "inline_1", 100, { currency: "USD" })]);
    expect(result).toEqual({ accepted: 2, duplicates: 0 });
  });
});

describe("transactions", () => {
  it("dates a transaction in the business's timezone, not UTC", async () => {
    // 23:30 in Toronto on Nov 20 is 04:30 UTC on Nov 21.
    await ingestEvents(db(), [sale(MID, "late_night", 900, { occurredAt: "2026-11-20T23:30:00-05:00" }), sale(MID, "utc_stamp", 900, { occurredAt: "2026-11-21T04:59:59Z" }), sale(MID, "after_midnight", 900, { occurredAt: "2026-11-21T05:00:00Z" })]);
    const id = await businessId(MID);
    const rows = await db().select({ processorId: cardTransactions.processorId, businessDate: cardTransactions.businessDate }).from(cardTransactions).where(eq(cardTransactions.businessId, id));
    const dateOf = (pid: string) => rows.find((r) => r.processorId === pid)?.businessDate;
    expect(dateOf("late_night")).toBe("2026-11-20");
    expect(dateOf("utc_stamp")).toBe("2026-11-20");
    expect(dateOf("after_midnight")).toBe("2026-11-21");
  });

  it("links a refund to an original earlier in the same batch, and to a stored one", async () => {
    await ingestEvents(db(), [sale(MID, "orig_same_batch", 1299), linked("refund", MID, "refund_same_batch", "orig_same_batch", 500), linked("refund", MID, "refund_stored", "base_sale_1", 200)]);
    const id = await businessId(MID);
    const rows = await db().select().from(cardTransactions).where(eq(cardTransactions.businessId, id));
    const byPid = new Map(rows.map((r) => [r.processorId, r]));
    expect(byPid.get("refund_same_batch")!.originalTransactionId).toBe(byPid.get("orig_same_batch")!.id);
    expect(byPid.get("refund_stored")!.originalTransactionId).toBe(byPid.get("base_sale_1")!.id);
  });

  it("refuses an original that comes later in the batch", async () => {
    await expectRejected(db(), [linked("refund", MID, "refund_first", "orig_later", 100), sale(MID, "orig_later", 500)], { status: 400, index: 0, id: "refund_first", field: "originalTransactionId" });
  });

  it("links a reversal to its chargeback and stores tax and tip", async () => {
    await ingestEvents(db(), [linked("chargeback_reversal", MID, "rev_ok", "base_cb_1", 2000, { taxMinor: 230 }), sale(MID, "tax_tip", 1500, { taxMinor: 150, tipMinor: 200 })]);
    const id = await businessId(MID);
    const rows = await db().select().from(cardTransactions).where(eq(cardTransactions.businessId, id));
    const byPid = new Map(rows.map((r) => [r.processorId, r]));
    expect(byPid.get("rev_ok")).toMatchObject({ originalTransactionId: byPid.get("base_cb_1")!.id, taxMinor: 230, tipMinor: null });
    expect(byPid.get("tax_tip")).toMatchObject({ taxMinor: 150, tipMinor: 200, cardBrand: "visa", last4: "4242" });
  });
});

describe("deposits", () => {
  it("stores the breakdown and links every listed item", async () => {
    const batch = [
      sale(MID, "d1_sale", 10_000),
      sale(MID, "d1_sale2", 2_500),
      linked("refund", MID, "d1_refund", "d1_sale", 1_000),
      linked("chargeback", MID, "d1_cb", "d1_sale2", 2_500),
      linked("chargeback_reversal", MID, "d1_rev", "d1_cb", 2_500),
      fee(MID, "d1_fee", 270, { transactionId: "d1_sale" }),
      fee(MID, "d1_cbfee", 1_500, { kind: "chargeback", transactionId: "d1_cb" }),
      // 10,000 + 2,500 − 1,000 − 2,500 + 2,500 − (270 + 1,500) = 9,730
      deposit(MID, "d1", 9_730, ["d1_sale", "d1_sale2", "d1_refund", "d1_cb", "d1_rev"], ["d1_fee", "d1_cbfee"]),
    ];
    expect(await ingestEvents(db(), batch)).toEqual({ accepted: 8, duplicates: 0 });
    const id = await businessId(MID);
    const [dep] = await db().select().from(settlementDeposits).where(and(eq(settlementDeposits.businessId, id), eq(settlementDeposits.processorId, "d1")));
    expect(dep).toMatchObject({ amountMinor: 9_730, salesMinor: 12_500, refundsMinor: 1_000, chargebacksMinor: 2_500, reversalsMinor: 2_500, feesMinor: 1_770, depositDate: "2026-11-21", bankLast4: "6789" });
    const settled = await db().select({ pid: cardTransactions.processorId }).from(cardTransactions).where(eq(cardTransactions.depositId, dep.id));
    expect(settled.map((s) => s.pid).sort()).toEqual(["d1_cb", "d1_refund", "d1_rev", "d1_sale", "d1_sale2"]);
    const settledFees = await db().select({ pid: fees.processorId }).from(fees).where(eq(fees.depositId, dep.id));
    expect(settledFees.map((s) => s.pid).sort()).toEqual(["d1_cbfee", "d1_fee"]);
  });

  it("accepts a negative net (a debit) and a zero net", async () => {
    await ingestEvents(db(), [sale(MID, "neg_sale", 1_000), linked("chargeback", MID, "neg_cb", "neg_sale", 1_000), fee(MID, "neg_cbfee", 1_500, { kind: "chargeback", transactionId: "neg_cb" })]);
    // Settled separately from its sale: chargeback and its fee only.
    expect(await ingestEvents(db(), [deposit(MID, "neg_dep", -2_500, ["neg_cb"], ["neg_cbfee"])])).toEqual({ accepted: 1, duplicates: 0 });
    expect(await ingestEvents(db(), [deposit(MID, "zero_dep", 0, [], [])]).catch((e: IngestError) => e.status)).toBe(400);
    await ingestEvents(db(), [sale(MID, "zero_sale", 40), fee(MID, "zero_fee", 40, { transactionId: "zero_sale" }), deposit(MID, "zero_dep2", 0, ["zero_sale"], ["zero_fee"])]);
    const id = await businessId(MID);
    const rows = await db().select().from(settlementDeposits).where(eq(settlementDeposits.businessId, id));
    expect(rows.find((r) => r.processorId === "neg_dep")).toMatchObject({ amountMinor: -2_500, chargebacksMinor: 1_000, feesMinor: 1_500, salesMinor: 0 });
    expect(rows.find((r) => r.processorId === "zero_dep2")?.amountMinor).toBe(0);
  });

  it("settles items stored by an earlier batch", async () => {
    await ingestEvents(db(), [sale(MID, "later_1", 3_000), sale(MID, "later_2", 4_000), fee(MID, "later_fee", 100)]);
    expect(await ingestEvents(db(), [deposit(MID, "later_dep", 6_900, ["later_1", "later_2"], ["later_fee"])])).toEqual({ accepted: 1, duplicates: 0 });
    const id = await businessId(MID);
    const [dep] = await db().select().from(settlementDeposits).where(and(eq(settlementDeposits.businessId, id), eq(settlementDeposits.processorId, "later_dep")));
    const settled = await db().select({ pid: cardTransactions.processorId }).from(cardTransactions).where(and(eq(cardTransactions.businessId, id), eq(cardTransactions.depositId, dep.id)));
    expect(settled).toHaveLength(2);
    const [settledFee] = await db().select({ depositId: fees.depositId }).from(fees).where(and(eq(fees.businessId, id), eq(fees.processorId, "later_fee")));
    expect(settledFee.depositId).toBe(dep.id);
  });
});

describe("batch limits", () => {
  it("accepts an empty batch", async () => {
    expect(await ingestEvents(db(), [])).toEqual({ accepted: 0, duplicates: 0 });
  });
});
