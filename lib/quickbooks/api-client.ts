import { z } from "zod";
import type { RequestPacer } from "./request-pacer";
import { QboAuthError, QboFaultError, QboServerError, QboThrottleError, QboUnknownOutcomeError, type QboFaultItem } from "./errors";

/**
 * A typed client of the QuickBooks Online Accounting API v3 (plain fetch; answers checked with zod).
 * It makes exactly one HTTP call per method: retries, back-off and token refresh are the caller's
 * (lib/sync), which knows what is safe to repeat. Every write can carry a `requestid`, for which
 * QuickBooks replays its first answer instead of writing twice.
 */
const MINOR_VERSION = 75;

export type QboEntity = Record<string, unknown> & { Id: string; SyncToken?: string };

export interface QboApiOptions {
  baseUrl: string;
  realmId: string;
  accessToken: () => Promise<string>;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
  /** Keeps calls inside the company's limits (see request-pacer). */
  pacer?: RequestPacer;
  /** Told of every call that failed or whose outcome is unknown, with Intuit's `intuit_tid` (sync runs keep them). */
  onFailedCall?: (call: FailedCall) => void;
}

/** A QuickBooks call that failed or whose outcome is unknown: what Intuit's support needs to find it. */
export interface FailedCall {
  /** Intuit's transaction id (`intuit_tid` response header); null when no answer came. */
  intuitTid: string | null;
  method: string;
  path: string;
  /** HTTP status; null when no answer came. */
  status: number | null;
  code: string;
  at: string;
}

/** Intuit names every answer with an `intuit_tid` header. */
function tidHeader(response: Response): string | undefined {
  return response.headers.get("intuit_tid") ?? undefined;
}

const faultSchema = z.object({
  Fault: z.object({
    Error: z
      .array(
        z.object({
          Message: z.string().optional(),
          Detail: z.string().optional(),
          code: z.union([z.string(), z.number()]).optional(),
          element: z.string().optional(),
        }),
      )
      .default([]),
    type: z.string().optional(),
  }),
});

const entitySchema = z.looseObject({ Id: z.string() });
/** QuickBooks leaves the entity's key out of QueryResponse when nothing matched. */
const queryResponseSchema = z.object({ QueryResponse: z.looseObject({}) });
const queryRowsSchema = z.array(entitySchema).optional();
const batchResponseSchema = z.object({
  BatchItemResponse: z.array(z.looseObject({ bId: z.string() })),
});

export interface BatchItemRequest {
  bId: string;
  operation: "create" | "update" | "delete";
  entity: string;
  body: Record<string, unknown>;
}
export type BatchItemResult = { bId: string; ok: true; entity: QboEntity } | { bId: string; ok: false; fault: QboFaultError };

function faultItems(json: unknown): { items: QboFaultItem[]; type: string } | null {
  const parsed = faultSchema.safeParse(json);
  if (!parsed.success) return null;
  return {
    type: parsed.data.Fault.type ?? "Fault",
    items: parsed.data.Fault.Error.map((e) => ({ code: String(e.code ?? ""), message: e.Message ?? "", detail: e.Detail, element: e.element })),
  };
}

export class QboApi {
  /** HTTP calls made, for run summaries and benchmarks. */
  calls = 0;

  constructor(private readonly options: QboApiOptions) {}

  private url(path: string, params: Record<string, string> = {}): string {
    const search = new URLSearchParams({ ...params, minorversion: String(MINOR_VERSION) });
    return `${this.options.baseUrl.replace(/\/$/, "")}/v3/company/${encodeURIComponent(this.options.realmId)}${path}?${search}`;
  }

  private async call(method: "GET" | "POST", path: string, params: Record<string, string>, body?: unknown): Promise<unknown> {
    return (await this.callWithTid(method, path, params, body)).json;
  }

  private failed(call: Omit<FailedCall, "at">): void {
    this.options.onFailedCall?.({ ...call, at: new Date().toISOString() });
  }

  /** One HTTP call; failures carry (and are reported with) the answer's `intuit_tid`. */
  private async callWithTid(method: "GET" | "POST", path: string, params: Record<string, string>, body?: unknown): Promise<{ json: unknown; tid: string | undefined }> {
    // The token first: a refresh on the way would otherwise sit between the pacer counting the call
    // and QuickBooks receiving it.
    const token = await this.options.accessToken();
    await this.options.pacer?.beforeCall(path === "/batch");
    const fetchImpl = this.options.fetchImpl ?? fetch;
    this.calls += 1;
    let response: Response | undefined;
    let text: string;
    try {
      response = await fetchImpl(this.url(path, params), {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: "application/json",
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
      text = await response.text();
    } catch (error) {
      const unknown = new QboUnknownOutcomeError(`No answer from QuickBooks for ${method} ${path}: ${(error as Error).message}`);
      unknown.intuitTid = response ? tidHeader(response) : undefined;
      this.failed({ intuitTid: unknown.intuitTid ?? null, method, path, status: null, code: "no_answer" });
      throw unknown;
    }
    const tid = tidHeader(response);
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      json = undefined;
    }
    if (response.ok && json !== undefined && !faultSchema.safeParse(json).success) return { json, tid };
    const fault = faultItems(json) ?? { type: "HTTP", items: [{ code: String(response.status), message: text.slice(0, 300) || response.statusText }] };
    const status = response.status;
    const ErrorClass =
      status === 401 ? QboAuthError : status === 429 || fault.items.some((f) => f.code === "3001") ? QboThrottleError : status >= 500 ? QboServerError : QboFaultError;
    const error = new ErrorClass(status, fault.items, fault.type);
    error.intuitTid = tid;
    this.failed({ intuitTid: tid ?? null, method, path, status, code: error.code });
    throw error;
  }

  private static unwrap(json: unknown, entity: string): QboEntity {
    const value = (json as Record<string, unknown>)[entity];
    const parsed = entitySchema.safeParse(value);
    if (!parsed.success) throw new QboFaultError(200, [{ code: "unexpected", message: `QuickBooks answered without a ${entity}` }], "Client");
    return parsed.data as QboEntity;
  }

  async read(entity: string, id: string): Promise<QboEntity> {
    return QboApi.unwrap(await this.call("GET", `/${entity.toLowerCase()}/${encodeURIComponent(id)}`, {}), entity);
  }

  async create(entity: string, body: Record<string, unknown>, requestId?: string): Promise<QboEntity> {
    return QboApi.unwrap(await this.call("POST", `/${entity.toLowerCase()}`, requestId ? { requestid: requestId } : {}, body), entity);
  }

  async update(entity: string, body: Record<string, unknown>, requestId?: string): Promise<QboEntity> {
    return QboApi.unwrap(await this.call("POST", `/${entity.toLowerCase()}`, requestId ? { requestid: requestId } : {}, body), entity);
  }

  /**
   * A query statement; returns the rows of the entity it selects (empty when nothing matched). An
   * answer that is not a query response throws: callers (adoption above all) must never take a
   * malformed answer for "not found".
   */
  async query(entity: string, statement: string): Promise<QboEntity[]> {
    const json = await this.call("GET", "/query", { query: statement });
    const response = queryResponseSchema.safeParse(json);
    const rows = response.success ? queryRowsSchema.safeParse(response.data.QueryResponse[entity]) : null;
    if (!rows?.success) {
      const why = response.success ? rows!.error.issues[0]?.message : response.error.issues[0]?.message;
      throw new QboFaultError(200, [{ code: "unexpected", message: `QuickBooks answered the ${entity} query with something else than rows (${why ?? "unreadable"})` }], "Client");
    }
    return (rows.data ?? []) as QboEntity[];
  }

  /** Every row matching a WHERE clause (may be empty), paging by 1000. */
  async queryAll(entity: string, where = ""): Promise<QboEntity[]> {
    const out: QboEntity[] = [];
    for (let start = 1; ; start += 1000) {
      const rows = await this.query(entity, `SELECT * FROM ${entity}${where ? ` WHERE ${where}` : ""} STARTPOSITION ${start} MAXRESULTS 1000`);
      out.push(...rows);
      if (rows.length < 1000) return out;
    }
  }

  /** Up to 30 independent writes in one call; each item succeeds or fails on its own. */
  async batch(items: BatchItemRequest[], requestId?: string): Promise<BatchItemResult[]> {
    if (items.length > 30) throw new Error("A QuickBooks batch holds at most 30 items.");
    const body = { BatchItemRequest: items.map((i) => ({ bId: i.bId, operation: i.operation, [i.entity]: i.body })) };
    const { json, tid } = await this.callWithTid("POST", "/batch", requestId ? { requestid: requestId } : {}, body);
    const parsed = batchResponseSchema.safeParse(json);
    if (!parsed.success) throw new QboFaultError(200, [{ code: "unexpected", message: "QuickBooks answered a batch without BatchItemResponse" }], "Client");
    const byId = new Map(items.map((i) => [i.bId, i.entity]));
    const results = parsed.data.BatchItemResponse.map((r): BatchItemResult => {
      const fault = faultItems(r);
      if (fault) {
        // A failed item of a batch: the batch call's intuit_tid is the one Intuit can look up.
        const error = new QboFaultError(400, fault.items, fault.type);
        error.intuitTid = tid;
        return { bId: r.bId, ok: false, fault: error };
      }
      const entity = byId.get(r.bId) ?? "";
      return { bId: r.bId, ok: true, entity: QboApi.unwrap(r, entity) };
    });
    const firstFault = results.find((r) => !r.ok);
    if (firstFault && !firstFault.ok) this.failed({ intuitTid: tid ?? null, method: "POST", path: "/batch", status: 200, code: firstFault.fault.code });
    return results;
  }

  async companyInfo(): Promise<QboEntity> {
    return QboApi.unwrap(await this.call("GET", `/companyinfo/${encodeURIComponent(this.options.realmId)}`, {}), "CompanyInfo");
  }

  async preferences(): Promise<Record<string, unknown>> {
    const value = (await this.call("GET", "/preferences", {})) as Record<string, unknown>;
    const parsed = z.looseObject({}).safeParse(value.Preferences);
    if (!parsed.success) throw new QboFaultError(200, [{ code: "unexpected", message: "QuickBooks answered without Preferences" }], "Client");
    return parsed.data;
  }

  async report(name: string, params: Record<string, string> = {}): Promise<unknown> {
    return this.call("GET", `/reports/${name}`, params);
  }
}
