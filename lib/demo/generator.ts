/**
 * Realistic, deterministic card activity for one business, in the ingest API's shapes, ready for
 * `ingestEvents`: the seed, the tests and the benchmarks all use it.
 *
 * Determinism: one seeded stream, consumed day by day from the first day on. Day D's events depend
 * only on the seed, the business and the days before D, never on the last day — so a longer run
 * (the seed a day later) regenerates the earlier days identically and ingest counts them as
 * duplicates. Keep the start date fixed to keep that property.
 *
 * The model of a small café/restaurant:
 * - sales between 07:00 and 21:00 local time, busiest at breakfast and lunch; ticket amounts
 *   lognormal around the median, tax-inclusive at the province's/state's rate, a tip on about a
 *   third of them;
 * - refunds (about 2% of sales) of sales from the previous two weeks, full or partial, never more
 *   than what remains unrefunded; an occasional chargeback of a sale one to six weeks old, with a
 *   $15 chargeback fee, and for about 40% of them a reversal 10–30 days later (the reversal's
 *   original is the chargeback);
 * - a processing fee on every sale (card-brand rate plus 10¢; refunds are not charged, the
 *   sale's fee is kept, as most processors do);
 * - a monthly service fee on the 1st, debited on its own (listed in no deposit);
 * - one deposit per business day settling the activity of the days since the previous business
 *   day: Tuesday's settles Monday, Monday's settles Friday, Saturday and Sunday. Its amount is the
 *   signed net and may be negative (a debit) on a day of large refunds or chargebacks.
 */
import type { BusinessEvent, CardBrand, DepositEvent, FeeEvent, ProcessorEvent, TransactionEvent, TransactionKind } from "@/lib/processor/events";
import { createRng, type Rng } from "./prng";
import type { Country } from "@/lib/processor/regions";
import { includedTax, salesTaxRate } from "@/lib/processor/sales-tax";
import { addDays, dayOfWeek, formatInZone, zonedTimeToInstant } from "@/lib/processor/timezone";

export interface DemoBusiness {
  merchantId: string;
  legalName: string;
  country: Country;
  region: string;
  currency: "CAD" | "USD";
  timezone: string;
  ownerEmail: string;
  locale?: "en" | "fr-CA";
}

export interface DemoActivityOptions {
  business: DemoBusiness;
  /** Last day of activity (YYYY-MM-DD, in the business's timezone). */
  endDate: string;
  /** Number of days of activity ending on endDate (default 60). Ignored when startDate is given. */
  days?: number;
  /** First day of activity; fixes the stream so later runs extend rather than shift the history. */
  startDate?: string;
  seed?: string | number;
  /** Exactly this many sales every day (e.g. 10,000 for the benchmark); default varies by weekday around `dailySales`. */
  transactionsPerDay?: number;
  /** The usual number of sales a day, before the weekday's variation (default 45). */
  dailySales?: number;
  /** Median ticket, tax included, before tip (default $22). */
  medianTicketMinor?: number;
  bankLast4?: string;
  monthlyFeeMinor?: number;
  /** Emit deposits dated up to this day (default: the day after endDate). Use "9999-12-31" to settle everything. */
  depositsThrough?: string;
  /** Start the list with the business event (default true). */
  includeBusinessEvent?: boolean;
  /** Moments a showcase history must contain, on top of the random model (the demo's MID-4004). */
  script?: ActivityScript;
}

/**
 * Scripted moments of a history, so a showcase has them whatever the random stream does. The days
 * are inputs like the start date: keep them fixed and the history stays identical run after run.
 */
export interface ActivityScript {
  /** A chargeback of an untouched older sale on `on`, reversed (the merchant won) on `reversedOn`. */
  chargeback?: { on: string; reversedOn: string };
  /**
   * A quiet day (closed early: SCRIPTED_QUIET_SALES sales) on which SCRIPTED_QUIET_REFUNDS recent
   * sales are refunded in full: its deposit is a debit. Pick a Monday–Thursday, so the next
   * business day's deposit settles that day alone.
   */
  refundDay?: string;
  /** Fees debited on their own (listed in no deposit), e.g. a yearly service fee. */
  standaloneFees?: { on: string; kind: "service"; amountMinor: number }[];
}

const SCRIPTED_QUIET_SALES = 3;
const SCRIPTED_QUIET_REFUNDS = 8;

const BRAND_WEIGHTS: Record<Country, Partial<Record<CardBrand, number>>> = {
  CA: { visa: 45, mastercard: 30, interac: 15, amex: 8, unionpay: 1, jcb: 0.5, other: 0.5 },
  US: { visa: 50, mastercard: 25, amex: 15, discover: 7, jcb: 1, unionpay: 1, other: 1 },
};

/** Processing rate by brand (interac debit is priced low, amex high); plus FIXED_FEE_MINOR each. */
const BRAND_RATE: Record<CardBrand, number> = {
  visa: 0.026, mastercard: 0.026, amex: 0.031, discover: 0.027, interac: 0.005, jcb: 0.029, unionpay: 0.029, other: 0.029,
};
const FIXED_FEE_MINOR = 10;
const CHARGEBACK_FEE_MINOR = 1500;

/** Relative volume Sunday … Saturday. */
const WEEKDAY_VOLUME = [0.95, 0.8, 0.85, 0.9, 1.0, 1.2, 1.3];
const DEFAULT_DAILY_SALES = 45;

/** Opening hours 07:00–21:00, weighted toward breakfast and lunch. */
const HOUR_WEIGHTS: Record<string, number> = {
  "7": 6, "8": 10, "9": 8, "10": 6, "11": 8, "12": 14, "13": 12, "14": 6, "15": 5, "16": 5, "17": 7, "18": 8, "19": 6, "20": 4,
};

interface Sale {
  processorId: string;
  date: string;
  amountMinor: number;
  taxMinor: number;
  unrefundedMinor: number;
  chargedBack: boolean;
  cardBrand: CardBrand;
  last4: string;
}

interface Chargeback {
  processorId: string;
  amountMinor: number;
  taxMinor: number;
  cardBrand: CardBrand;
  last4: string;
}

/** A transaction of the day before it gets its id (ids follow time order within the day). */
interface Draft {
  secondsOfDay: number;
  kind: TransactionKind;
  amountMinor: number;
  cardBrand: CardBrand;
  last4: string;
  taxMinor?: number;
  tipMinor?: number;
  original?: { processorId: string };
  sale?: Sale;
  chargeback?: { reverseOn?: string };
}

/** The deposit date for a day's activity: the next Monday–Friday after it. */
export function settlementDateFor(activityDate: string): string {
  let date = addDays(activityDate, 1);
  while (dayOfWeek(date) === 0 || dayOfWeek(date) === 6) date = addDays(date, 1);
  return date;
}

const compact = (date: string) => date.replaceAll("-", "");

function randomTime(rng: Rng): number {
  const hour = Number(rng.weighted(HOUR_WEIGHTS));
  return hour * 3600 + rng.int(0, 3599);
}

export function generateDemoActivity(options: DemoActivityOptions): ProcessorEvent[] {
  const { business, endDate } = options;
  const startDate = options.startDate ?? addDays(endDate, -((options.days ?? 60) - 1));
  const rng = createRng(`${options.seed ?? "settlebooks-demo"}:${business.merchantId}:${startDate}`);
  const taxRate = salesTaxRate(business.country, business.region);
  const medianTicket = options.medianTicketMinor ?? 2200;
  const bankLast4 = options.bankLast4 ?? String(rng.int(0, 9999)).padStart(4, "0");
  const monthlyFee = options.monthlyFeeMinor ?? 2500;
  const depositsThrough = options.depositsThrough ?? addDays(endDate, 1);
  const mid = business.merchantId;
  const currency = business.currency;
  const at = (date: string, seconds: number) => formatInZone(zonedTimeToInstant(date, seconds, business.timezone), business.timezone);

  const events: ProcessorEvent[] = [];
  if (options.includeBusinessEvent ?? true) {
    const { legalName, country, region, timezone, ownerEmail, locale } = business;
    const businessEvent: BusinessEvent = { type: "business", id: mid, legalName, country, region, currency, timezone, ownerEmail };
    if (locale) businessEvent.locale = locale;
    events.push(businessEvent);
  }

  const salesByDate = new Map<string, Sale[]>();
  const reversalsDue = new Map<string, Chargeback[]>();
  // Items waiting for their deposit, grouped by settlement date.
  const unsettled = new Map<string, { transactions: TransactionEvent[]; fees: FeeEvent[] }>();
  const settleOn = (date: string) => {
    const key = settlementDateFor(date);
    let bucket = unsettled.get(key);
    if (!bucket) unsettled.set(key, (bucket = { transactions: [], fees: [] }));
    return bucket;
  };

  for (let date = startDate; date <= endDate; date = addDays(date, 1)) {
    const drafts: Draft[] = [];

    // Sales.
    const script = options.script ?? {};
    const quietDay = script.refundDay === date;
    const usualSales =
      options.transactionsPerDay ?? Math.max(1, Math.round((options.dailySales ?? DEFAULT_DAILY_SALES) * WEEKDAY_VOLUME[dayOfWeek(date)] * (0.85 + 0.3 * rng.next())));
    const salesCount = quietDay ? SCRIPTED_QUIET_SALES : usualSales;
    for (let i = 0; i < salesCount; i++) {
      const base = Math.max(150, Math.round(medianTicket * Math.exp(0.55 * rng.normal())));
      const tip = rng.chance(0.35) ? Math.round(base * rng.pick([0.1, 0.15, 0.18, 0.2])) : 0;
      const cardBrand = rng.weighted(BRAND_WEIGHTS[business.country] as Record<CardBrand, number>);
      drafts.push({
        secondsOfDay: randomTime(rng),
        kind: "sale",
        amountMinor: base + tip,
        taxMinor: includedTax(base, taxRate),
        tipMinor: tip,
        cardBrand,
        last4: String(rng.int(0, 9999)).padStart(4, "0"),
      });
    }

    // Refunds of sales from the previous 14 days.
    const refundable = [];
    for (let back = 1; back <= 14; back++) {
      for (const sale of salesByDate.get(addDays(date, -back)) ?? []) if (sale.unrefundedMinor > 0 && !sale.chargedBack) refundable.push(sale);
    }
    const refundCount = refundable.length ? Math.floor(salesCount * 0.02 + rng.next()) : 0;
    // The scripted quiet day refunds that many distinct recent sales in full; other days pick at random.
    const quietRefunds = quietDay ? refundable.slice(-SCRIPTED_QUIET_REFUNDS) : [];
    for (let i = 0; i < (quietDay ? quietRefunds.length : refundCount); i++) {
      const sale = quietDay ? quietRefunds[i] : rng.pick(refundable);
      if (sale.unrefundedMinor === 0) continue;
      const amount = quietDay || rng.chance(0.6) ? sale.unrefundedMinor : Math.max(1, Math.round(sale.unrefundedMinor * (0.2 + 0.6 * rng.next())));
      sale.unrefundedMinor -= amount;
      drafts.push({
        secondsOfDay: randomTime(rng),
        kind: "refund",
        amountMinor: amount,
        taxMinor: Math.round((sale.taxMinor * amount) / sale.amountMinor),
        cardBrand: sale.cardBrand,
        last4: sale.last4,
        original: sale,
      });
    }

    // Chargebacks (about 0.08% of sales) of untouched sales 7–45 days old.
    const disputable = [];
    for (let back = 7; back <= 45; back++) {
      for (const sale of salesByDate.get(addDays(date, -back)) ?? []) if (!sale.chargedBack && sale.unrefundedMinor === sale.amountMinor) disputable.push(sale);
    }
    const scriptedChargeback = script.chargeback?.on === date && disputable.length > 0;
    const randomChargebacks = disputable.length ? Math.floor(salesCount * 0.0008 + rng.next()) : 0;
    const chargebackCount = scriptedChargeback ? Math.max(1, randomChargebacks) : randomChargebacks;
    for (let i = 0; i < chargebackCount; i++) {
      const sale = rng.pick(disputable);
      if (sale.chargedBack) continue;
      sale.chargedBack = true;
      const secondsOfDay = rng.int(2 * 3600, 5 * 3600); // chargebacks post overnight
      const randomReversal = rng.chance(0.4) ? addDays(date, rng.int(10, 30)) : undefined;
      const reverseOn = scriptedChargeback && i === 0 ? script.chargeback!.reversedOn : randomReversal;
      drafts.push({
        secondsOfDay,
        kind: "chargeback",
        amountMinor: sale.amountMinor,
        taxMinor: sale.taxMinor,
        cardBrand: sale.cardBrand,
        last4: sale.last4,
        original: sale,
        chargeback: { reverseOn },
      });
    }

    // Reversals of chargebacks the merchant won.
    for (const chargeback of reversalsDue.get(date) ?? []) {
      drafts.push({
        secondsOfDay: rng.int(2 * 3600, 5 * 3600),
        kind: "chargeback_reversal",
        amountMinor: chargeback.amountMinor,
        taxMinor: chargeback.taxMinor,
        cardBrand: chargeback.cardBrand,
        last4: chargeback.last4,
        original: chargeback,
      });
    }
    reversalsDue.delete(date);

    // The monthly service fee, debited on its own on the 1st.
    if (date.endsWith("-01")) {
      events.push({
        type: "fee",
        id: `fee_${mid}_monthly_${compact(date).slice(0, 6)}`,
        merchantId: mid,
        kind: "monthly",
        amountMinor: monthlyFee,
        currency,
        occurredAt: at(date, 3600),
      });
    }

    for (const fee of script.standaloneFees ?? []) {
      if (fee.on !== date) continue;
      events.push({ type: "fee", id: `fee_${mid}_${fee.kind}_${compact(date)}`, merchantId: mid, kind: fee.kind, amountMinor: fee.amountMinor, currency, occurredAt: at(date, 2 * 3600) });
    }

    // Emit the day in time order; ids follow that order.
    drafts.sort((a, b) => a.secondsOfDay - b.secondsOfDay);
    const daySales: Sale[] = [];
    const bucket = settleOn(date);
    drafts.forEach((draft, n) => {
      const processorId = `txn_${mid}_${compact(date)}_${String(n + 1).padStart(5, "0")}`;
      const occurredAt = at(date, draft.secondsOfDay);
      const transaction: TransactionEvent = {
        type: "transaction",
        id: processorId,
        merchantId: mid,
        kind: draft.kind,
        amountMinor: draft.amountMinor,
        currency,
        occurredAt,
        cardBrand: draft.cardBrand,
        last4: draft.last4,
        ...(draft.original ? { originalTransactionId: draft.original.processorId } : {}),
        ...(draft.taxMinor !== undefined ? { taxMinor: draft.taxMinor } : {}),
        ...(draft.tipMinor !== undefined ? { tipMinor: draft.tipMinor } : {}),
      };
      events.push(transaction);
      bucket.transactions.push(transaction);

      let fee: FeeEvent | undefined;
      if (draft.kind === "sale") {
        daySales.push({
          processorId,
          date,
          amountMinor: draft.amountMinor,
          taxMinor: draft.taxMinor ?? 0,
          unrefundedMinor: draft.amountMinor,
          chargedBack: false,
          cardBrand: draft.cardBrand,
          last4: draft.last4,
        });
        const amount = Math.round(draft.amountMinor * BRAND_RATE[draft.cardBrand]) + FIXED_FEE_MINOR;
        fee = { type: "fee", id: `fee_${processorId.slice(4)}`, merchantId: mid, kind: "processing", amountMinor: amount, currency, occurredAt, transactionId: processorId };
      } else if (draft.kind === "chargeback") {
        const reverseOn = draft.chargeback?.reverseOn;
        if (reverseOn) {
          const due = reversalsDue.get(reverseOn) ?? [];
          due.push({ processorId, amountMinor: draft.amountMinor, taxMinor: draft.taxMinor ?? 0, cardBrand: draft.cardBrand, last4: draft.last4 });
          reversalsDue.set(reverseOn, due);
        }
        fee = { type: "fee", id: `fee_${processorId.slice(4)}`, merchantId: mid, kind: "chargeback", amountMinor: CHARGEBACK_FEE_MINOR, currency, occurredAt, transactionId: processorId };
      }
      if (fee) {
        events.push(fee);
        bucket.fees.push(fee);
      }
    });
    salesByDate.set(date, daySales);
    salesByDate.delete(addDays(date, -46)); // older sales are never refunded nor disputed here

    // The deposit of the next business day, once every day it settles has happened.
    const next = addDays(date, 1);
    const depositDate = settlementDateFor(date);
    if (settlementDateFor(next) !== depositDate || next > endDate) {
      const items = unsettled.get(depositDate);
      unsettled.delete(depositDate);
      if (items && depositDate <= depositsThrough && (items.transactions.length || items.fees.length)) {
        events.push(depositEvent(mid, currency, bankLast4, depositDate, items.transactions, items.fees));
      }
    }
  }
  return events;
}

const SIGN: Record<TransactionKind, 1 | -1> = { sale: 1, refund: -1, chargeback: -1, chargeback_reversal: 1 };

function depositEvent(
  merchantId: string,
  currency: "CAD" | "USD",
  bankLast4: string,
  depositDate: string,
  transactions: TransactionEvent[],
  fees: FeeEvent[],
): DepositEvent {
  const net =
    transactions.reduce((sum, t) => sum + SIGN[t.kind] * t.amountMinor, 0) - fees.reduce((sum, f) => sum + f.amountMinor, 0);
  return {
    type: "deposit",
    id: `dep_${merchantId}_${compact(depositDate)}`,
    merchantId,
    depositDate,
    amountMinor: net,
    currency,
    bankLast4,
    transactionIds: transactions.map((t) => t.id),
    feeIds: fees.map((f) => f.id),
  };
}
