/** Processor records written straight into the e2e database, as the processor's ingest would store them. */
import { e2eDb } from "./quickbooks-fixtures";

const TZ = "America/Toronto";
export const isoDay = (offsetDays: number) => {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: TZ, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offsetDays);
  return d.toISOString().slice(0, 10);
};

export interface Sale {
  processorId: string;
  kind?: "sale" | "refund";
  amountMinor: number;
  taxMinor: number;
  day: string;
}

export async function insertSales(businessId: string, sales: Sale[]): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const s of sales) {
    const [row] = await e2eDb()`insert into card_transactions
      (business_id, processor_id, kind, amount_minor, currency, card_brand, last4, occurred_at, business_date, tax_minor, tip_minor, payload_hash)
      values (${businessId}, ${s.processorId}, ${s.kind ?? "sale"}, ${s.amountMinor}, 'CAD', 'visa', '4242', ${`${s.day}T17:00:00Z`}, ${s.day}, ${s.taxMinor}, 0, 'e2e')
      returning id`;
    ids[s.processorId] = row.id as string;
  }
  return ids;
}

/** A settlement deposit of the given transactions (and fees), with the breakdown ingest stores. */
export async function insertDeposit(businessId: string, processorId: string, day: string, txIds: string[], fees: { id: string; amountMinor: number }[] = []) {
  const txs = await e2eDb()`select kind, amount_minor from card_transactions where id in ${e2eDb()(txIds)}`;
  const sum = (kind: string) => txs.filter((t) => t.kind === kind).reduce((a, t) => a + Number(t.amount_minor), 0);
  const feesMinor = fees.reduce((a, f) => a + f.amountMinor, 0);
  const amount = sum("sale") - sum("refund") - feesMinor;
  const [dep] = await e2eDb()`insert into settlement_deposits
    (business_id, processor_id, deposit_date, amount_minor, currency, bank_last4, sales_minor, refunds_minor, chargebacks_minor, reversals_minor, fees_minor, payload_hash)
    values (${businessId}, ${processorId}, ${day}, ${amount}, 'CAD', '6789', ${sum("sale")}, ${sum("refund")}, 0, 0, ${feesMinor}, 'e2e')
    returning id`;
  await e2eDb()`update card_transactions set deposit_id = ${dep.id} where id in ${e2eDb()(txIds)}`;
  if (fees.length) await e2eDb()`update fees set deposit_id = ${dep.id} where id in ${e2eDb()(fees.map((f) => f.id))}`;
  return { id: dep.id as string, amountMinor: amount };
}

/** Sync now may run once a minute: move the last run back instead of waiting. */
export async function allowSyncNow(businessId: string) {
  await e2eDb()`update sync_runs set started_at = started_at - interval '2 minutes'
    where connection_id = (select id from qbo_connections where business_id = ${businessId})`;
}
