import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { addDays } from "@/lib/processor/timezone";

/** How far back "recent sales" reach, in business days ending today. */
export const RECENT_SALES_DAYS = 30;
/**
 * At most this many of the latest taxed sales are read: far more than needed to measure a rate,
 * and it keeps the read bounded for the largest merchants (a busy month can hold 100,000 sales).
 */
export const RECENT_SALES_LIMIT = 5_000;

/** The tax rate the processor actually charged on the business's recent sales. */
export interface RecentSalesTaxRate {
  /** Σ tax / Σ (amount − tax − tip) × 100, to 6 decimals. */
  percent: number;
  /** How many sales it was measured on. */
  sales: number;
  /** The window: `days` business days, `from` to `to` (today) inclusive. */
  days: number;
  from: string;
  to: string;
}

/**
 * The effective sales tax rate of the business's recent sales: its sales of the last 30 business
 * days that carried tax (taxMinor > 0: a sale the processor reported with no tax, or with 0 tax,
 * says nothing about the rate), the latest 5,000 at most. Tips are not taxed, so the base is the
 * amount less tax and tip, as in lib/accounting/tax-split.ts. Null when no recent sale carried tax.
 *
 * One statement, scoped to the business, served by card_transactions_business_date as a range
 * read newest first (query-shape test: recent-sales-tax-rate.test.ts).
 */
export async function recentSalesTaxRate(db: DbOrTx, businessId: string, today: string): Promise<RecentSalesTaxRate | null> {
  const from = addDays(today, -(RECENT_SALES_DAYS - 1));
  const [row] = await db.execute<{ tax: string | null; taxable: string | null; sales: string }>(sql`
    select sum(tax_minor) as tax, sum(amount_minor - tax_minor - coalesce(tip_minor, 0)) as taxable, count(*) as sales
    from (
      select amount_minor, tax_minor, tip_minor from card_transactions
      where business_id = ${businessId} and business_date between ${from} and ${today}
        and kind = 'sale' and tax_minor > 0
      order by business_date desc
      limit ${RECENT_SALES_LIMIT}
    ) recent`);
  const tax = Number(row?.tax ?? 0);
  const taxable = Number(row?.taxable ?? 0);
  if (tax <= 0 || taxable <= 0) return null;
  return { percent: Math.round((tax / taxable) * 100 * 1e6) / 1e6, sales: Number(row.sales), days: RECENT_SALES_DAYS, from, to: today };
}
