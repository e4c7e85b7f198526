import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { SUPPORT_CONNECTION_STATES, supportConnectionState, type SupportConnectionState } from "./connection-state";

const SEARCH_PAGE_SIZE = 25;
/** "No successful sync for 48 hours while active". */
const STALE_SYNC_HOURS = 48;
/** "Refresh token's hard expiry within 30 days". */
const EXPIRY_HORIZON_DAYS = 30;
/** "Paused for more than 11 months" (a pause over a year needs a reauthorization to resume). */
const LONG_PAUSE_MONTHS = 11;

/** What support may type and tick on /admin, validated from the URL. */
export const supportSearchSchema = z.object({
  q: z.string().trim().max(200, "The search is too long (200 characters at most).").optional().default(""),
  state: z.enum(SUPPORT_CONNECTION_STATES).optional(),
  failed: z.literal("1").optional(),
  stale: z.literal("1").optional(),
  expiring: z.literal("1").optional(),
  longPaused: z.literal("1").optional(),
  after: z.string().max(64).optional(),
});
export type SupportSearch = z.infer<typeof supportSearchSchema>;

export interface SupportSearchRow {
  id: string;
  merchantId: string;
  legalName: string;
  state: SupportConnectionState;
  companyName: string | null;
  realmId: string | null;
  failedItems: number;
}

export interface SupportSearchPage {
  rows: SupportSearchRow[];
  /** The merchant id to continue after, when there are more results. */
  next: string | null;
}

/** A LIKE prefix pattern of the typed text, lower-cased, with its wildcards taken literally. */
function prefixPattern(text: string): string {
  return `${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The businesses whose merchant id, legal name, member email, realm id or QuickBooks company name
 * starts with the text (case-insensitive). Each branch reads its own index (see the search indexes
 * in db/schema), so the work grows with the matches, not with the number of businesses.
 */
function matchingBusinessIds(text: string): SQL {
  const pattern = prefixPattern(text);
  return sql`
    select id as business_id from businesses where lower(merchant_id) like ${pattern}
    union select id from businesses where lower(legal_name) like ${pattern}
    union select m.business_id from users u join memberships m on m.user_id = u.id where lower(u.email) like ${pattern}
    union select business_id from qbo_connections where realm_id like ${pattern}
    union select business_id from qbo_connections where lower(company_name) like ${pattern}`;
}

function stateCondition(state: SupportConnectionState): SQL {
  switch (state) {
    case "never_connected":
      return sql`(c.id is null or c.status = 'not_connected' or c.connected_at is null)`;
    case "disconnected":
      return sql`(c.status = 'disconnected' and c.connected_at is not null)`;
    case "setup_in_progress":
      return sql`(c.status in ('active', 'paused', 'needs_reauthorization') and c.connected_at is not null and c.setup_completed_at is null)`;
    default:
      return sql`(c.status = ${state} and c.connected_at is not null and c.setup_completed_at is not null)`;
  }
}

/**
 * Support's search of every business (support is the one role that sees across tenants): only the
 * matching businesses, by merchant id, a page at a time (keyset: after the last merchant id shown).
 */
export async function searchBusinesses(db: DbOrTx, search: SupportSearch, now = new Date(), pageSize = SEARCH_PAGE_SIZE): Promise<SupportSearchPage> {
  const conditions: SQL[] = [];
  if (search.state) conditions.push(stateCondition(search.state));
  if (search.failed) conditions.push(sql`exists (select 1 from sync_items s where s.business_id = b.id and s.status = 'failed')`);
  if (search.stale) {
    const since = new Date(now.getTime() - STALE_SYNC_HOURS * 3_600_000).toISOString();
    conditions.push(sql`(c.status = 'active' and c.setup_completed_at is not null and coalesce(c.last_successful_sync_at, c.setup_completed_at) < ${since}::timestamptz)`);
  }
  if (search.expiring) {
    const horizon = new Date(now.getTime() + EXPIRY_HORIZON_DAYS * 86_400_000).toISOString();
    conditions.push(
      sql`(c.status in ('active', 'paused', 'needs_reauthorization') and exists (select 1 from qbo_tokens t where t.connection_id = c.id and t.refresh_token_hard_expires_at < ${horizon}::timestamptz))`,
    );
  }
  if (search.longPaused) {
    const before = new Date(now);
    before.setUTCMonth(before.getUTCMonth() - LONG_PAUSE_MONTHS);
    conditions.push(sql`(c.status = 'paused' and c.paused_at < ${before.toISOString()}::timestamptz)`);
  }
  if (search.after) conditions.push(sql`b.merchant_id > ${search.after}`);
  // With a text, start from the matches (a few index reads); "has failed items" alone starts from the
  // partial index of failed items; otherwise walk businesses in merchant id order. The matches are
  // gathered first (an InitPlan array), so businesses are then read by primary key whatever the
  // planner guesses about how many there are.
  if (search.q) conditions.unshift(sql`b.id = any(array(${matchingBusinessIds(search.q)}))`);
  else if (search.failed) conditions.unshift(sql`b.id = any(array(select distinct business_id from sync_items where status = 'failed'))`);
  const source = sql`businesses b`;
  const where = conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
  const rows = await db.execute<{
    id: string;
    merchant_id: string;
    legal_name: string;
    status: string | null;
    connected_at: string | null;
    setup_completed_at: string | null;
    company_name: string | null;
    realm_id: string | null;
    failed_items: number;
  }>(sql`
    select b.id, b.merchant_id, b.legal_name, c.status, c.connected_at, c.setup_completed_at, c.company_name, c.realm_id,
      (select count(*)::int from sync_items s where s.business_id = b.id and s.status = 'failed') as failed_items
    from ${source}
    left join qbo_connections c on c.business_id = b.id
    ${where}
    order by b.merchant_id
    limit ${pageSize + 1}`);
  const page = rows.slice(0, pageSize).map(
    (r): SupportSearchRow => ({
      id: r.id,
      merchantId: r.merchant_id,
      legalName: r.legal_name,
      state: supportConnectionState(
        r.status ? { status: r.status as never, connectedAt: r.connected_at ? new Date(r.connected_at) : null, setupCompletedAt: r.setup_completed_at ? new Date(r.setup_completed_at) : null } : null,
      ),
      companyName: r.company_name,
      realmId: r.realm_id,
      failedItems: Number(r.failed_items),
    }),
  );
  return { rows: page, next: rows.length > pageSize ? page[page.length - 1].merchantId : null };
}
