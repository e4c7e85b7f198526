import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { qboDocumentUrl } from "@/lib/quickbooks/document-url";
import { addDays, type IsoDate } from "./dates";

/** Days shown at once, newest first; `before` pages to older ones. */
const LEDGER_PAGE_DAYS = 31;

type DayState = "posted" | "partly_failed" | "paused" | "pending" | "before_connection" | "no_activity";

interface KindTotal {
  count: number;
  amountMinor: number;
}

/** A deposit in the day ledger: what the processor paid against the QuickBooks deposit's total. */
interface LedgerDeposit {
  depositId: string;
  processorId: string;
  /** What the processor paid to the bank. */
  processorAmountMinor: number;
  /** The QuickBooks deposit's total, once posted. */
  qboTotalMinor: number | null;
  /** QuickBooks − processor; 0 when it ties. Null until posted. */
  differenceMinor: number | null;
  status: string | null;
  /** The document in QuickBooks, once posted. */
  qboDocument: LinkedQboDocument | null;
}

export interface LedgerDay {
  date: IsoDate;
  state: DayState;
  /** Items of the day that QuickBooks refused, and items of the day meant for QuickBooks (partly failed: n of m). */
  failed: number;
  total: number;
  kinds: Partial<Record<"sale" | "refund" | "chargeback" | "chargeback_reversal" | "fee", KindTotal>>;
  deposits: LedgerDeposit[];
}

/** A posted document as a page links to it: which document (for the link's words) and where. */
export interface LinkedQboDocument {
  entity: string;
  id: string;
  url: string;
}

export function linkedQboDocument(entity: string | null, id: string | null, realmId: string | null, fallbackEntity: string): LinkedQboDocument | null {
  if (!id) return null;
  const doc = { entity: entity ?? fallbackEntity, id, realmId };
  return { entity: doc.entity, id, url: qboDocumentUrl(doc) };
}

type Row = {
  day: string;
  realm_id: string | null;
  before_connection: boolean;
  in_pause: boolean;
  records: number;
  kinds: Record<string, { count: number; amount: number }> | null;
  statuses: Record<string, number> | null;
  deposits: { id: string; processor_id: string; amount: number; qbo_total: number | null; status: string | null; qbo_id: string | null; qbo_entity: string | null }[] | null;
};

/**
 * The day ledger of a business's connection: one row per business day from the connection day (and
 * up to a week before it, when records of those days exist) to `today`, newest first, in ONE query.
 * Nothing is aggregated here: the records' totals per day (business_day_totals) and the items'
 * counts per day and status (sync_day_statuses) are kept as records arrive and items change state
 * (database triggers), so a page reads one small row of each per day, whatever the history. Only
 * the deposits of the days are read one by one (a few a day) for their tie-out. Every table is
 * scoped by the business (and the connection for items).
 */
export async function dayLedger(
  db: Db,
  scope: { businessId: string; connectionId: string },
  options: { today: IsoDate; before?: IsoDate; days?: number },
): Promise<LedgerDay[]> {
  const to = options.before && options.before <= options.today ? addDays(options.before, -1) : options.today;
  const from = addDays(to, -((options.days ?? LEDGER_PAGE_DAYS) - 1));
  const { businessId, connectionId } = scope;
  const kind = (name: string, count: string, amount: string) =>
    sql.raw(`case when t.${count} > 0 then jsonb_build_object('${name}', jsonb_build_object('count', t.${count}, 'amount', t.${amount})) else '{}'::jsonb end`);
  const rows = await db.execute<Row>(sql`
    with c as (
      select id, connected_on, realm_id from qbo_connections where id = ${connectionId} and business_id = ${businessId}
    ),
    days as (
      select d::date as day from c, generate_series(greatest(${from}::date, c.connected_on - 7), ${to}::date, interval '1 day') d
    ),
    deps as (
      select d.deposit_date as day,
        jsonb_agg(jsonb_build_object('id', d.id, 'processor_id', d.processor_id, 'amount', d.amount_minor, 'qbo_total', s.qbo_total_minor,
          'status', s.status, 'qbo_id', s.qbo_id, 'qbo_entity', s.qbo_entity) order by d.processor_id) as deposits
      from settlement_deposits d
      left join sync_items s on s.connection_id = ${connectionId} and s.record_type = 'deposit' and s.record_id = d.id
      where d.business_id = ${businessId} and d.deposit_date between ${from}::date and ${to}::date
      group by 1
    )
    select to_char(days.day, 'YYYY-MM-DD') as day, c.realm_id,
      days.day < c.connected_on as before_connection,
      exists (
        select 1 from qbo_pauses p where p.connection_id = c.id and days.day >= p.paused_from and (p.resumed_on is null or days.day < p.resumed_on)
      ) as in_pause,
      -- What each day owes QuickBooks: transactions, deposits and fees debited on their own (fees
      -- inside a deposit are lines of that deposit, not documents).
      coalesce(t.sale_count + t.refund_count + t.chargeback_count + t.reversal_count + t.deposit_count + t.unsettled_fee_count, 0) as records,
      case when t.business_id is null then null else
        ${kind("sale", "sale_count", "sale_minor")} || ${kind("refund", "refund_count", "refund_minor")}
        || ${kind("chargeback", "chargeback_count", "chargeback_minor")} || ${kind("chargeback_reversal", "reversal_count", "reversal_minor")}
        || ${kind("fee", "fee_count", "fee_minor")}
      end as kinds,
      case when s.connection_id is null then null else jsonb_build_object('pending', s.pending, 'posted', s.posted, 'failed', s.failed,
        'ready_to_sync', s.ready_to_sync, 'resolved', s.resolved, 'skipped_paused', s.skipped_paused, 'before_connection', s.before_connection)
      end as statuses,
      deps.deposits
    from days
    cross join c
    left join (
      select * from business_day_totals where business_id = ${businessId} and business_date between ${from}::date and ${to}::date
    ) t on t.business_date = days.day
    left join (
      select * from sync_day_statuses where connection_id = ${connectionId} and business_date between ${from}::date and ${to}::date
    ) s on s.business_date = days.day
    left join deps on deps.day = days.day
    where days.day >= c.connected_on
      or coalesce(t.sale_count + t.refund_count + t.chargeback_count + t.reversal_count + t.deposit_count + t.unsettled_fee_count, 0) > 0
    order by days.day desc`);
  return rows.map(toLedgerDay);
}

function toLedgerDay(row: Row): LedgerDay {
  const statuses = row.statuses ?? {};
  const count = (s: string) => Number(statuses[s] ?? 0);
  const records = Number(row.records);
  const excluded = count("before_connection") + count("skipped_paused");
  const failed = count("failed");
  // Records not yet planned (they arrived after the last run) are pending too.
  const planned = Object.values(statuses).reduce((a, n) => a + Number(n), 0);
  const waiting = count("pending") + count("ready_to_sync") + Math.max(0, records - planned);
  const total = Math.max(records, planned) - excluded;
  let state: DayState;
  if (records === 0) state = "no_activity";
  else if (row.before_connection) state = "before_connection";
  else if (row.in_pause || (count("skipped_paused") > 0 && total <= 0)) state = "paused";
  else if (failed > 0) state = "partly_failed";
  else if (waiting > 0) state = "pending";
  else state = "posted";
  const kinds: LedgerDay["kinds"] = {};
  for (const [kind, v] of Object.entries(row.kinds ?? {})) kinds[kind as keyof LedgerDay["kinds"]] = { count: Number(v.count), amountMinor: Number(v.amount) };
  return {
    date: row.day,
    state,
    failed,
    total: Math.max(total, 0),
    kinds,
    deposits: (row.deposits ?? []).map((d) => {
      const qboTotal = d.status === "posted" && d.qbo_total !== null ? Number(d.qbo_total) : null;
      return {
        depositId: d.id,
        processorId: d.processor_id,
        processorAmountMinor: Number(d.amount),
        qboTotalMinor: qboTotal,
        differenceMinor: qboTotal === null ? null : qboTotal - Number(d.amount),
        status: d.status,
        qboDocument: d.status === "posted" ? linkedQboDocument(d.qbo_entity, d.qbo_id, row.realm_id, "Deposit") : null,
      };
    }),
  };
}
