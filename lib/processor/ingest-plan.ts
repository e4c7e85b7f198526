import { randomUUID } from "node:crypto";
import type { cardTransactions, fees, settlementDeposits } from "@/db/schema";
import { eventError } from "./errors";
import {
  ORIGINAL_KIND,
  type BusinessEvent,
  type DepositEvent,
  type FeeEvent,
  type ProcessorEvent,
  type TransactionEvent,
} from "./events";
import { hashEvent } from "./canonical-hash";
import { forEachYielding } from "./event-loop";
import {
  emptyRecords,
  roleKey,
  type BusinessRecord,
  type BusinessRecords,
  type FeeRecord,
  type LoadedState,
  type TransactionRecord,
} from "./ingest-state";
import { addDays, businessDateOf } from "./timezone";

/** The earliest business date a record may carry: the processor's history starts long after. */
export const EARLIEST_BUSINESS_DATE = "2000-01-01";

/**
 * Applies a validated batch, in order, to the in-memory picture of what is stored (LoadedState),
 * checking every rule and collecting the rows to write. Nothing touches the database here, so a
 * bad event anywhere simply throws and the batch's transaction writes nothing. In-order means an
 * event may reference a record created earlier in the same batch (a refund of a sale two lines up).
 */

type NewTransaction = typeof cardTransactions.$inferInsert;
type NewFee = typeof fees.$inferInsert;
type NewDeposit = typeof settlementDeposits.$inferInsert;

/** A business row to insert or update: what is stored of it (its connection is not ingest's to write). */
export type BusinessWrite = Omit<BusinessRecord, "connected">;

/** A stored item (transaction or fee) that a deposit of this batch settles: its deposit_id is set at write. */
export interface DepositLink {
  businessId: string;
  /** The item's row id. */
  id: string;
  depositId: string;
}

export interface IngestPlan {
  accepted: number;
  duplicates: number;
  /** Owners named by business events who have no account yet (created without a password). */
  newUsers: Map<string, { email: string; locale: "en" | "fr-CA" }>;
  newBusinesses: BusinessWrite[];
  businessUpdates: Map<string, BusinessWrite>;
  ownerships: { email: string; businessId: string }[];
  newDeposits: NewDeposit[];
  newTransactions: NewTransaction[];
  newFees: NewFee[];
  /** Already-stored items a new deposit settles. */
  settledTransactions: DepositLink[];
  settledFees: DepositLink[];
}

interface Location {
  index: number;
  id: string;
}

const at = (loc: Location, field: string) => ({ index: loc.index, id: loc.id, field });

class Planner {
  readonly plan: IngestPlan = {
    accepted: 0,
    duplicates: 0,
    newUsers: new Map(),
    newBusinesses: [],
    businessUpdates: new Map(),
    ownerships: [],
    newDeposits: [],
    newTransactions: [],
    newFees: [],
    settledTransactions: [],
    settledFees: [],
  };
  /** New rows by processor id, so a deposit later in the batch can set their depositId in place. */
  private readonly pendingTransactions = new Map<string, NewTransaction>();
  private readonly pendingFees = new Map<string, NewFee>();

  constructor(
    private readonly state: LoadedState,
    private readonly now: Date,
  ) {}

  /**
   * A business date must fall between 2000-01-01 and tomorrow in the business's zone (a deposit
   * may be announced the day before it lands); year 1 or 9999 is a feed error, and would wreck
   * every date range the portal and the sync compute.
   */
  private checkPlausibleDate(date: string, business: BusinessRecord, loc: Location, field: string): void {
    const latest = addDays(businessDateOf(this.now, business.timezone), 1);
    if (date < EARLIEST_BUSINESS_DATE || date > latest) {
      throw eventError(
        400,
        at(loc, field),
        `the business date ${date} (in ${business.timezone}) is not plausible; it must fall between ${EARLIEST_BUSINESS_DATE} and tomorrow (${latest})`,
      );
    }
  }

  apply(event: ProcessorEvent, index: number): void {
    const loc = { index, id: event.id };
    switch (event.type) {
      case "business":
        return this.business(event, loc);
      case "transaction":
        return this.transaction(event, loc);
      case "fee":
        return this.fee(event, loc);
      case "deposit":
        return this.deposit(event, loc);
    }
  }

  private business(event: BusinessEvent, loc: Location): void {
    const wanted = {
      legalName: event.legalName,
      country: event.country,
      region: event.region,
      currency: event.currency,
      timezone: event.timezone,
    };
    let business = this.state.businesses.get(event.id);
    let changed = false;
    if (!business) {
      business = { id: randomUUID(), merchantId: event.id, ...wanted, connected: false };
      this.state.businesses.set(event.id, business);
      this.state.records.set(business.id, emptyRecords());
      this.plan.newBusinesses.push({ id: business.id, merchantId: event.id, ...wanted });
      changed = true;
    } else {
      if (business.currency !== event.currency) {
        // Every stored amount is in the old currency: a switch would silently corrupt the books.
        throw eventError(400, at(loc, "currency"), `a business's currency cannot change (it is ${business.currency})`);
      }
      if (business.connected && business.timezone !== event.timezone) {
        // Business dates decide what is posted to QuickBooks on which day: a new zone would
        // silently move the dates of documents already posted.
        throw eventError(
          409,
          at(loc, "timezone"),
          `the time zone cannot change while the business is connected to QuickBooks (it is ${business.timezone}); the business must disconnect first`,
        );
      }
      changed = (Object.keys(wanted) as (keyof typeof wanted)[]).some((key) => business![key] !== wanted[key]);
      if (changed) {
        Object.assign(business, wanted);
        // Several updates of one business in a batch collapse into the last one.
        this.plan.businessUpdates.set(business.id, { ...business });
      }
    }

    const email = event.ownerEmail;
    if (!this.state.knownEmails.has(email)) {
      this.state.knownEmails.add(email);
      this.plan.newUsers.set(email, { email, locale: event.locale ?? "en" });
    }
    const key = roleKey(email, business.id);
    if (this.state.roles.get(key) !== "owner") {
      this.state.roles.set(key, "owner");
      this.plan.ownerships.push({ email, businessId: business.id });
      changed = true;
    }
    if (changed) this.plan.accepted++;
    else this.plan.duplicates++;
  }

  /** The business a record belongs to, checked against the record's currency. */
  private businessFor(event: TransactionEvent | FeeEvent | DepositEvent, loc: Location): [BusinessRecord, BusinessRecords] {
    const business = this.state.businesses.get(event.merchantId);
    if (!business) {
      throw eventError(400, at(loc, "merchantId"), `unknown business ${JSON.stringify(event.merchantId)} (send its business event first)`);
    }
    if (event.currency !== business.currency) {
      throw eventError(400, at(loc, "currency"), `${event.currency} is not the business's currency (${business.currency})`);
    }
    return [business, this.state.records.get(business.id)!];
  }

  /** True when the event was already received with the same content; 409 when the content differs. */
  private isDuplicate(existing: { payloadHash: string } | undefined, hash: string, what: string, loc: Location): boolean {
    if (!existing) return false;
    if (existing.payloadHash !== hash) {
      throw eventError(409, at(loc, "id"), `${what} ${JSON.stringify(loc.id)} was already received with different content`);
    }
    this.plan.duplicates++;
    return true;
  }

  /** The columns a new transaction and a new fee share (but their kinds); the business date must be plausible. */
  private newItemFields(event: TransactionEvent | FeeEvent, business: BusinessRecord, hash: string, loc: Location) {
    const occurredAt = new Date(event.occurredAt);
    const businessDate = businessDateOf(occurredAt, business.timezone);
    this.checkPlausibleDate(businessDate, business, loc, "occurredAt");
    return {
      id: randomUUID(),
      businessId: business.id,
      processorId: event.id,
      amountMinor: event.amountMinor,
      currency: event.currency,
      occurredAt,
      businessDate,
      depositId: null,
      payloadHash: hash,
    };
  }

  private transaction(event: TransactionEvent, loc: Location): void {
    const [business, records] = this.businessFor(event, loc);
    const hash = hashEvent(event);
    if (this.isDuplicate(records.transactions.get(event.id), hash, "transaction", loc)) return;

    let originalId: string | null = null;
    if (event.kind !== "sale") {
      const original = records.transactions.get(event.originalTransactionId!);
      if (!original) {
        throw eventError(
          400,
          at(loc, "originalTransactionId"),
          `unknown original transaction ${JSON.stringify(event.originalTransactionId)} for this business`,
        );
      }
      const expected = ORIGINAL_KIND[event.kind];
      if (original.kind !== expected) {
        throw eventError(400, at(loc, "originalTransactionId"), `the original of a ${event.kind} must be a ${expected}, not a ${original.kind}`);
      }
      originalId = original.id;
    }

    const row = {
      ...this.newItemFields(event, business, hash, loc),
      kind: event.kind,
      cardBrand: event.cardBrand,
      last4: event.last4,
      originalTransactionId: originalId,
      taxMinor: event.taxMinor ?? null,
      tipMinor: event.tipMinor ?? null,
    } satisfies NewTransaction;
    records.transactions.set(event.id, { id: row.id, kind: event.kind, amountMinor: event.amountMinor, depositId: null, payloadHash: hash });
    this.pendingTransactions.set(`${business.id}:${event.id}`, row);
    this.plan.newTransactions.push(row);
    this.plan.accepted++;
  }

  private fee(event: FeeEvent, loc: Location): void {
    const [business, records] = this.businessFor(event, loc);
    const hash = hashEvent(event);
    if (this.isDuplicate(records.fees.get(event.id), hash, "fee", loc)) return;

    let transactionId: string | null = null;
    if (event.transactionId !== undefined) {
      const transaction = records.transactions.get(event.transactionId);
      if (!transaction) {
        throw eventError(400, at(loc, "transactionId"), `unknown transaction ${JSON.stringify(event.transactionId)} for this business`);
      }
      transactionId = transaction.id;
    }
    const row = { ...this.newItemFields(event, business, hash, loc), kind: event.kind, transactionId } satisfies NewFee;
    records.fees.set(event.id, { id: row.id, amountMinor: event.amountMinor, depositId: null, payloadHash: hash });
    this.pendingFees.set(`${business.id}:${event.id}`, row);
    this.plan.newFees.push(row);
    this.plan.accepted++;
  }

  /**
   * The items a deposit lists, each checked (listed once, known for this business, not settled by
   * another deposit) and linked to the deposit: a row new in this batch gets the deposit id in
   * place, a stored one becomes a DepositLink for the write.
   */
  private settleListed<Item extends TransactionRecord | FeeRecord>(
    what: "transaction" | "fee",
    processorIds: readonly string[],
    known: Map<string, Item>,
    pendingRows: Map<string, { depositId?: string | null }>,
    links: DepositLink[],
    deposit: { businessId: string; depositId: string; loc: Location },
  ): Item[] {
    const { businessId, depositId, loc } = deposit;
    const listed = new Set<string>();
    return processorIds.map((processorId, i) => {
      const field = `${what}Ids.${i}`;
      if (listed.has(processorId)) throw eventError(400, at(loc, field), `lists ${what} ${JSON.stringify(processorId)} twice`);
      listed.add(processorId);
      const item = known.get(processorId);
      if (!item) throw eventError(400, at(loc, field), `unknown ${what} ${JSON.stringify(processorId)} for this business`);
      if (item.depositId) throw eventError(400, at(loc, field), `${what} ${JSON.stringify(processorId)} is already settled by another deposit`);
      item.depositId = depositId;
      const pending = pendingRows.get(`${businessId}:${processorId}`);
      if (pending) pending.depositId = depositId;
      else links.push({ businessId, id: item.id, depositId });
      return item;
    });
  }

  private deposit(event: DepositEvent, loc: Location): void {
    const [business, records] = this.businessFor(event, loc);
    const hash = hashEvent(event);
    if (this.isDuplicate(records.deposits.get(event.id), hash, "deposit", loc)) return;
    this.checkPlausibleDate(event.depositDate, business, loc, "depositDate");

    const depositId = randomUUID();
    const totals = { sale: 0, refund: 0, chargeback: 0, chargeback_reversal: 0, fees: 0 };

    const link = { businessId: business.id, depositId, loc };
    for (const transaction of this.settleListed("transaction", event.transactionIds, records.transactions, this.pendingTransactions, this.plan.settledTransactions, link)) {
      totals[transaction.kind] += transaction.amountMinor;
    }
    for (const fee of this.settleListed("fee", event.feeIds, records.fees, this.pendingFees, this.plan.settledFees, link)) {
      totals.fees += fee.amountMinor;
    }

    const net = totals.sale - totals.refund - totals.chargeback + totals.chargeback_reversal - totals.fees;
    if (event.amountMinor !== net) {
      throw eventError(
        400,
        at(loc, "amountMinor"),
        `is ${event.amountMinor} but the listed items net to ${net} (sales ${totals.sale} − refunds ${totals.refund} − chargebacks ${totals.chargeback} + reversals ${totals.chargeback_reversal} − fees ${totals.fees})`,
      );
    }

    records.deposits.set(event.id, { id: depositId, payloadHash: hash });
    this.plan.newDeposits.push({
      id: depositId,
      businessId: business.id,
      processorId: event.id,
      depositDate: event.depositDate,
      amountMinor: event.amountMinor,
      currency: event.currency,
      bankLast4: event.bankLast4,
      salesMinor: totals.sale,
      refundsMinor: totals.refund,
      chargebacksMinor: totals.chargeback,
      reversalsMinor: totals.chargeback_reversal,
      feesMinor: totals.fees,
      payloadHash: hash,
    });
    this.plan.accepted++;
  }
}

/** Plans a batch in order, yielding to the event loop between slices (see event-loop.ts). */
export async function planBatch(state: LoadedState, events: readonly ProcessorEvent[], now = new Date()): Promise<IngestPlan> {
  const planner = new Planner(state, now);
  await forEachYielding(events, (event, index) => planner.apply(event, index));
  return planner.plan;
}
