/**
 * A business's card activity as the processor sends it (through the signed ingest API), and the
 * few changes of time no interface offers, made in SQL.
 */
import { sendProcessorEvents } from "./processor-feed";
import { e2eDb, type TestBusiness } from "./quickbooks-fixtures";

const TZ = "America/Toronto";
export const isoDay = (offsetDays: number) => {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: TZ, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offsetDays);
  return d.toISOString().slice(0, 10);
};

/** Noon in Toronto (17:00 UTC in winter, 16:00 in summer): the same business day in every e2e zone. */
const middayOf = (day: string) => `${day}T17:00:00Z`;

export interface Sale {
  processorId: string;
  kind?: "sale" | "refund";
  amountMinor: number;
  taxMinor: number;
  day: string;
  /** A refund's sale (the feed requires it). */
  originalId?: string;
}

export interface Fee {
  processorId: string;
  amountMinor: number;
  day: string;
  /** The sale the fee was charged on, if any. */
  transactionId?: string;
}

export async function sendSales(business: TestBusiness, sales: Sale[]): Promise<void> {
  await sendProcessorEvents(
    sales.map((s) => ({
      type: "transaction" as const,
      id: s.processorId,
      merchantId: business.merchantId,
      kind: s.kind ?? "sale",
      amountMinor: s.amountMinor,
      taxMinor: s.taxMinor,
      tipMinor: 0,
      currency: business.currency,
      occurredAt: middayOf(s.day),
      cardBrand: "visa" as const,
      last4: "4242",
      ...(s.originalId ? { originalTransactionId: s.originalId } : {}),
    })),
  );
}

export async function sendFees(business: TestBusiness, fees: Fee[]): Promise<void> {
  await sendProcessorEvents(
    fees.map((f) => ({
      type: "fee" as const,
      id: f.processorId,
      merchantId: business.merchantId,
      kind: "processing" as const,
      amountMinor: f.amountMinor,
      currency: business.currency,
      occurredAt: middayOf(f.day),
      ...(f.transactionId ? { transactionId: f.transactionId } : {}),
    })),
  );
}

/**
 * The settlement deposit of the given transactions and fees, its amount the net the processor pays
 * (sales − refunds − fees); returns that amount and the deposit's row id (for its page's URL).
 */
export async function sendDeposit(business: TestBusiness, processorId: string, day: string, sales: Sale[], fees: Fee[] = []) {
  const sum = (kind: "sale" | "refund") => sales.filter((s) => (s.kind ?? "sale") === kind).reduce((a, s) => a + s.amountMinor, 0);
  const amountMinor = sum("sale") - sum("refund") - fees.reduce((a, f) => a + f.amountMinor, 0);
  await sendProcessorEvents([
    {
      type: "deposit",
      id: processorId,
      merchantId: business.merchantId,
      depositDate: day,
      amountMinor,
      currency: business.currency,
      bankLast4: "6789",
      transactionIds: sales.map((s) => s.processorId),
      feeIds: fees.map((f) => f.processorId),
    },
  ]);
  // Read back: the feed answers with counts, not ids.
  const [row] = await e2eDb()`select id from settlement_deposits where business_id = ${business.id} and processor_id = ${processorId}`;
  return { id: row.id as string, amountMinor };
}

/**
 * The connection was made on `day` (only data from that day on is ever posted). SQL because
 * connecting always happens today: no interface makes a connection that is days old.
 */
export async function backdateConnection(businessId: string, day: string) {
  await e2eDb()`update qbo_connections set connected_on = ${day} where business_id = ${businessId}`;
  await e2eDb()`update qbo_mapping_versions set effective_from = ${day} where connection_id = (select id from qbo_connections where business_id = ${businessId})`;
}

/** Sync now may run once a minute: move the last run back instead of waiting (SQL: only time offers this). */
export async function allowSyncNow(businessId: string) {
  await e2eDb()`update sync_runs set started_at = started_at - interval '2 minutes'
    where connection_id = (select id from qbo_connections where business_id = ${businessId})`;
}
