import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { addDays } from "@/lib/processor/timezone";
import type { Clock } from "@/lib/quickbooks/connection/business-day";
import { findConnection, isInSetup, type ConnectionStatus } from "@/lib/quickbooks/connection/connection-record";
import { nextScheduledSync, type AutomaticSyncs } from "@/lib/quickbooks/connection/sync-schedule";

/** Days the overview chart covers, ending today in the business's time zone. */
const OVERVIEW_DAYS = 30;
const OVERVIEW_LATEST_DEPOSITS = 5;

/** One business day of the overview chart, in minor units (all positive). */
export interface ActivityDay {
  date: string;
  salesMinor: number;
  /** Refunds plus chargebacks, less chargeback reversals (money that went back to cardholders). */
  refundsAndChargebacksMinor: number;
  feesMinor: number;
  /** What the processor paid to the bank that day (negative settlements count negatively). */
  depositsMinor: number;
}

/**
 * The last 30 business days of card activity, one row per day (days without activity included, as
 * zeros), in one statement over the business's own rows.
 */
export async function dailyActivity(db: DbOrTx, businessId: string, options: { today: string; days?: number }): Promise<ActivityDay[]> {
  const from = addDays(options.today, -((options.days ?? OVERVIEW_DAYS) - 1));
  const rows = await db.execute<{ day: string; sales: string; refunds: string; fees: string; deposits: string }>(sql`
    with days as (select d::date as day from generate_series(${from}::date, ${options.today}::date, interval '1 day') d),
    tx as (
      select business_date as day,
        sum(case when kind = 'sale' then amount_minor else 0 end) as sales,
        sum(case when kind in ('refund', 'chargeback') then amount_minor when kind = 'chargeback_reversal' then -amount_minor else 0 end) as refunds
      from card_transactions where business_id = ${businessId} and business_date between ${from}::date and ${options.today}::date
      group by 1
    ),
    fe as (
      select business_date as day, sum(amount_minor) as fees
      from fees where business_id = ${businessId} and business_date between ${from}::date and ${options.today}::date
      group by 1
    ),
    dep as (
      select deposit_date as day, sum(amount_minor) as deposits
      from settlement_deposits where business_id = ${businessId} and deposit_date between ${from}::date and ${options.today}::date
      group by 1
    )
    select to_char(days.day, 'YYYY-MM-DD') as day, coalesce(tx.sales, 0)::bigint as sales, coalesce(tx.refunds, 0)::bigint as refunds,
      coalesce(fe.fees, 0)::bigint as fees, coalesce(dep.deposits, 0)::bigint as deposits
    from days
    left join tx on tx.day = days.day
    left join fe on fe.day = days.day
    left join dep on dep.day = days.day
    order by days.day`);
  return rows.map((r) => ({
    date: r.day,
    salesMinor: Number(r.sales),
    refundsAndChargebacksMinor: Number(r.refunds),
    feesMinor: Number(r.fees),
    depositsMinor: Number(r.deposits),
  }));
}

export interface OverviewDeposit {
  id: string;
  processorId: string;
  depositDate: string;
  amountMinor: number;
  currency: "CAD" | "USD";
  /** Posted to QuickBooks (it stays there after a disconnect). */
  inQuickBooks: boolean;
  /** Posted, and the QuickBooks deposit equals what the processor paid. Null until posted. */
  tiedOut: boolean | null;
}

/** The business's latest deposits with where each stands in QuickBooks. */
export async function latestDeposits(db: DbOrTx, businessId: string, limit = OVERVIEW_LATEST_DEPOSITS): Promise<OverviewDeposit[]> {
  const rows = await db.execute<{
    id: string;
    processor_id: string;
    deposit_date: string;
    amount_minor: string;
    currency: "CAD" | "USD";
    status: string | null;
    qbo_total_minor: string | null;
  }>(sql`
    select d.id, d.processor_id, to_char(d.deposit_date, 'YYYY-MM-DD') as deposit_date, d.amount_minor, d.currency::text as currency,
      s.status::text as status, s.qbo_total_minor
    from settlement_deposits d
    left join qbo_connections c on c.business_id = d.business_id
    left join sync_items s on s.connection_id = c.id and s.business_id = d.business_id and s.record_type = 'deposit' and s.record_id = d.id
    where d.business_id = ${businessId}
    order by d.deposit_date desc, d.id desc
    limit ${limit}`);
  return rows.map((r) => {
    const inQuickBooks = r.status === "posted";
    return {
      id: r.id,
      processorId: r.processor_id,
      depositDate: r.deposit_date,
      amountMinor: Number(r.amount_minor),
      currency: r.currency,
      inQuickBooks,
      tiedOut: inQuickBooks ? r.qbo_total_minor !== null && Number(r.qbo_total_minor) === Number(r.amount_minor) : null,
    };
  });
}

export interface QuickBooksStatus {
  status: ConnectionStatus;
  /** Connected but the mapping is not confirmed yet. */
  inSetup: boolean;
  companyName: string | null;
  lastSuccessfulSyncAt: Date | null;
  failedItems: number;
  /** The next scheduled sync, or null (not syncing, or no schedule runs: see scheduleOff). */
  nextSyncAt: Date | null;
  scheduleOff: boolean;
}

/** The business's QuickBooks connection at a glance; null when it never started connecting. */
export async function quickBooksStatus(db: DbOrTx, businessId: string, options: { timeZone: string; syncs: AutomaticSyncs; clock: Clock }): Promise<QuickBooksStatus | null> {
  const connection = await findConnection(db, businessId);
  if (!connection) return null;
  const [failed] = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from sync_items where connection_id = ${connection.id} and business_id = ${businessId} and status = 'failed'`);
  const syncing = connection.status === "active" && connection.setupCompletedAt !== null;
  return {
    status: connection.status,
    inSetup: isInSetup(connection),
    companyName: connection.companyName,
    lastSuccessfulSyncAt: connection.lastSuccessfulSyncAt,
    failedItems: Number(failed?.n ?? 0),
    nextSyncAt: syncing ? nextScheduledSync(options.clock, options.timeZone, options.syncs) : null,
    scheduleOff: options.syncs === "off",
  };
}
