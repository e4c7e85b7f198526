import type { Sql } from "postgres";

/**
 * A merchant's history written straight into the tables with set-based SQL (generate_series), for
 * the query-shape tests and the scale benchmarks: a million transactions through the ingest API
 * would take minutes, and what those measure is the reads, not the loading. The database triggers
 * run as for any insert, so the day totals and the planner's queue are kept exactly as at ingest.
 *
 * `transactions` spread evenly over `days` ending `endDate` (UTC days); 98 % of them carry a fee;
 * one deposit a day settles the previous day's transactions and fees (the last day stays unsettled).
 */
export async function loadHistory(
  sql: Sql,
  businessId: string,
  options: { transactions: number; days: number; endDate: string; prefix?: string },
): Promise<void> {
  const { transactions, days, endDate } = options;
  const prefix = options.prefix ?? "h";
  await sql`
    insert into settlement_deposits (business_id, processor_id, deposit_date, amount_minor, currency, bank_last4,
      sales_minor, refunds_minor, chargebacks_minor, reversals_minor, fees_minor, payload_hash)
    select ${businessId}, ${prefix} || '_d' || d, ${endDate}::date - ${days - 1}::int + d + 1, 0, 'CAD', '6789', 0, 0, 0, 0, 0, 'scale'
    from generate_series(0, ${days - 2}::int) d`;
  await sql`
    insert into card_transactions (business_id, processor_id, kind, amount_minor, currency, card_brand, last4, occurred_at, business_date, deposit_id, payload_hash)
    select ${businessId}, ${prefix} || '_t' || g,
      (case when g % 2000 = 0 then 'chargeback_reversal' when g % 1000 = 0 then 'chargeback' when g % 33 = 0 then 'refund' else 'sale' end)::transaction_kind,
      100 + g % 9000, 'CAD', 'visa', '4242', x.ts, (x.ts at time zone 'UTC')::date, d.id, 'scale'
    from generate_series(0, ${transactions - 1}::int) g
    cross join lateral (select (${endDate}::date - ${days - 1}::int)::timestamp at time zone 'UTC' + (g::float8 / ${transactions}) * ${days} * interval '1 day' as ts) x
    left join settlement_deposits d on d.business_id = ${businessId} and d.deposit_date = (x.ts at time zone 'UTC')::date + 1`;
  await sql`
    insert into fees (business_id, processor_id, kind, amount_minor, currency, occurred_at, business_date, deposit_id, payload_hash)
    select ${businessId}, ${prefix} || '_f' || g, 'processing', 30 + g % 50, 'CAD', x.ts, (x.ts at time zone 'UTC')::date, d.id, 'scale'
    from generate_series(0, ${transactions - 1}::int) g
    cross join lateral (select (${endDate}::date - ${days - 1}::int)::timestamp at time zone 'UTC' + (g::float8 / ${transactions}) * ${days} * interval '1 day' as ts) x
    left join settlement_deposits d on d.business_id = ${businessId} and d.deposit_date = (x.ts at time zone 'UTC')::date + 1
    where g % 100 < 98`;
  // The deposits' breakdown, fixed at ingest in the product: here from the items just written.
  await sql`
    update settlement_deposits d set sales_minor = x.sales, refunds_minor = x.refunds, chargebacks_minor = x.chargebacks,
      reversals_minor = x.reversals, fees_minor = x.fees, amount_minor = x.sales - x.refunds - x.chargebacks + x.reversals - x.fees
    from (
      select t.deposit_id,
        coalesce(sum(t.amount_minor) filter (where t.kind = 'sale'), 0) as sales,
        coalesce(sum(t.amount_minor) filter (where t.kind = 'refund'), 0) as refunds,
        coalesce(sum(t.amount_minor) filter (where t.kind = 'chargeback'), 0) as chargebacks,
        coalesce(sum(t.amount_minor) filter (where t.kind = 'chargeback_reversal'), 0) as reversals,
        coalesce((select sum(f.amount_minor) from fees f where f.deposit_id = t.deposit_id), 0) as fees
      from card_transactions t where t.business_id = ${businessId} and t.deposit_id is not null group by t.deposit_id
    ) x
    where d.id = x.deposit_id`;
  await sql`analyze card_transactions, fees, settlement_deposits, unplanned_records, business_day_totals`;
}
