import { z } from "zod";
import { TRANSACTION_KINDS, type TransactionKind } from "./transaction-kinds";
import type { TransactionListOptions } from "./transactions";

// Free of database imports: the client's "Load more" builds its URLs with this module.
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** What a URL may say about the transaction list: the page's GET form and the JSON route share it. */
interface TransactionQuery extends TransactionListOptions {
  kinds: TransactionKind[];
}

export type TransactionQueryResult = { ok: true; query: TransactionQuery } | { ok: false; parameter: string; message: string };

/**
 * The dates a filter may name. Records are dated from 2000-01-01 on (ingest refuses earlier ones);
 * a year like 0001 or 9999 would otherwise reach date arithmetic and the database and fail there.
 */
const FILTER_DATE_RANGE = { earliest: "2000-01-01", latest: "2099-12-31" } as const;
const filterDate = z.iso
  .date()
  .refine((date) => date >= FILTER_DATE_RANGE.earliest && date <= FILTER_DATE_RANGE.latest)
  .optional();

const schema = z.object({
  from: filterDate,
  to: filterDate,
  kind: z.array(z.enum(TRANSACTION_KINDS)).default([]),
  cursor: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
});

const EXPECTED: Record<string, string> = {
  from: `a date as YYYY-MM-DD from ${FILTER_DATE_RANGE.earliest} to ${FILTER_DATE_RANGE.latest}`,
  to: `a date as YYYY-MM-DD from ${FILTER_DATE_RANGE.earliest} to ${FILTER_DATE_RANGE.latest}`,
  kind: `one of ${TRANSACTION_KINDS.join(", ")}`,
  cursor: "a cursor from a previous page",
  limit: `a whole number from 1 to ${MAX_PAGE_SIZE}`,
};

/**
 * Reads from, to, kind (repeatable: ?kind=sale&kind=refund) and cursor from a query string.
 * Empty values count as absent, which is what an untouched field of a GET form sends.
 */
export function parseTransactionQuery(params: URLSearchParams): TransactionQueryResult {
  const single = (name: string) => params.get(name) || undefined;
  const parsed = schema.safeParse({
    from: single("from"),
    to: single("to"),
    kind: params.getAll("kind").filter(Boolean),
    cursor: single("cursor"),
    limit: single("limit"),
  });
  if (!parsed.success) {
    const parameter = String(parsed.error.issues[0].path[0]);
    return { ok: false, parameter, message: `Invalid "${parameter}" parameter: expected ${EXPECTED[parameter] ?? "a valid value"}` };
  }
  const { from, to, kind, cursor, limit } = parsed.data;
  if (from && to && from > to) {
    return { ok: false, parameter: "from", message: `Invalid "from" parameter: the range starts (${from}) after it ends (${to})` };
  }
  return { ok: true, query: { from, to, kinds: [...new Set(kind)], cursor, limit } };
}

/** The query string of a filter, for links and the API; the same shape parseTransactionQuery reads. */
export function transactionQueryString(query: Omit<TransactionListOptions, "limit">): string {
  const params = new URLSearchParams();
  if (query.from) params.set("from", query.from);
  if (query.to) params.set("to", query.to);
  for (const kind of query.kinds ?? []) params.append("kind", kind);
  if (query.cursor) params.set("cursor", query.cursor);
  return params.toString();
}

/** Next's searchParams object (values may repeat) as URLSearchParams. */
export function searchParamsOf(record: Record<string, string | string[] | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(record)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(key, v);
  }
  return params;
}
