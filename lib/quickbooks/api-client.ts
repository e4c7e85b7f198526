import { z } from "zod";
import type { RequestPacer } from "./request-pacer";
import { QboAuthError, QboFaultError, QboServerError, QboThrottleError, QboUnknownOutcomeError, type QboFaultItem } from "./errors";

/**
 * A typed client of the QuickBooks Online Accounting API v3 (plain fetch; answers checked with zod).
 * It makes exactly one HTTP call per method: retries, back-off and token refresh are the caller's
 * (lib/sync), which knows what is safe to repeat. Every write can carry a `requestid`, for which
 * QuickBooks replays its first answer instead of writing twice.
 */
export const MINOR_VERSION = 75;

export type QboEntity = Record<string, unknown> & { Id: string; SyncToken?: string };

export interface QboApiOptions {
  baseUrl: string;
  realmId: string;
  accessToken: () => Promise<string>;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
  /** Keeps calls inside the company's limits (see request-pacer). */
  pacer?: RequestPacer;
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
const queryResponseSchema = z.object({ QueryResponse: z.record(z.string(), z.unknown()) });
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

export function faultItems(json: unknown): { items: QboFaultItem[]; type: string } | null {
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
    // The token first: a refresh on the way would otherwise sit between the pacer counting the call
    // and QuickBooks receiving it.
    const token = await this.options.accessToken();
    await this.options.pacer?.beforeCall(path === "/batch");
    const fetchImpl = this.options.fetchImpl ?? fetch;
    this.calls += 1;
    let response: Response;
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
      throw new QboUnknownOutcomeError(`No answer from QuickBooks for ${method} ${path}: ${(error as Error).message}`);
    }
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      json = undefined;
    }
    if (response.ok && json !== undefined && !faultSchema.safeParse(json).success) return json;
    const fault = faultItems(json) ?? { type: "HTTP", items: [{ code: String(response.status), message: text.slice(0, 300) || response.statusText }] };
    const status = response.status;
    if (status === 401) throw new QboAuthError(status, fault.items, fault.type);
    if (status === 429 || fault.items.some((f) => f.code === "3001")) throw new QboThrottleError(status, fault.items, fault.type);
    if (status >= 500) throw new QboServerError(status, fault.items, fault.type);
    throw new QboFaultError(status, fault.items, fault.type);
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

  /** A query statement; returns the rows of the entity it selects. */
  async query(entity: string, statement: string): Promise<QboEntity[]> {
    const json = await this.call("GET", "/query", { query: statement });
    const parsed = queryResponseSchema.safeParse(json);
    if (!parsed.success) return [];
    const rows = parsed.data.QueryResponse[entity];
    return Array.isArray(rows) ? (rows as QboEntity[]) : [];
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
    const json = await this.call("POST", "/batch", requestId ? { requestid: requestId } : {}, body);
    const parsed = batchResponseSchema.safeParse(json);
    if (!parsed.success) throw new QboFaultError(200, [{ code: "unexpected", message: "QuickBooks answered a batch without BatchItemResponse" }], "Client");
    const byId = new Map(items.map((i) => [i.bId, i.entity]));
    return parsed.data.BatchItemResponse.map((r): BatchItemResult => {
      const fault = faultItems(r);
      if (fault) return { bId: r.bId, ok: false, fault: new QboFaultError(400, fault.items, fault.type) };
      const entity = byId.get(r.bId) ?? "";
      return { bId: r.bId, ok: true, entity: QboApi.unwrap(r, entity) };
    });
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
