import type { CompanyBooks } from "./books";
import { createEntity, deleteEntity, readEntity, updateEntity, voidEntity } from "./crud";
import type { AccountingRequest, AccountingResponse, EntityChange } from "./index";
import { faultBody, QboFault, unsupportedOperation } from "./faults";
import { entityDef, entityDefLoose } from "./registry";
import { runBatch } from "./batch";
import { runQuery } from "./query";
import { runReport } from "./reports";
import { qboTime } from "./time";

/**
 * Routes one call under /v3/company/{realmId}. QuickBooks faults become their HTTP answer here;
 * anything else is a sandbox bug and propagates (the platform answers 500).
 */
export function route(books: CompanyBooks, req: AccountingRequest): AccountingResponse {
  try {
    return dispatch(books, req);
  } catch (error) {
    if (error instanceof QboFault) return { status: error.status, body: faultBody(error.errors, error.type, req.now), changes: [] };
    throw error;
  }
}

function ok(body: Record<string, unknown>, now: Date, changes: EntityChange[] = []): AccountingResponse {
  return { status: 200, body: { ...body, time: qboTime(now) }, changes };
}

function notFound(path: string): QboFault {
  return new QboFault([{ code: "404", message: "Resource not found", detail: `No QuickBooks Online API resource at ${path}` }], 404);
}

function dispatch(books: CompanyBooks, req: AccountingRequest): AccountingResponse {
  const { method, now } = req;
  const path = req.path.replace(/\/+$/, "") || "/";
  const segments = path.split("/").filter(Boolean).map(decodeURIComponent);
  const [head, second] = segments;

  if (head === "query" && segments.length === 1) {
    const text = method === "GET" ? req.query.get("query") : typeof req.body === "string" ? req.body : req.query.get("query");
    return ok({ QueryResponse: runQuery(books, text ?? "") }, now);
  }
  if (head === "batch" && segments.length === 1 && method === "POST") {
    const result = runBatch(books, req.body, now);
    return ok({ BatchItemResponse: result.items }, now, result.changes);
  }
  if (head === "reports" && segments.length === 2 && method === "GET") {
    return { status: 200, body: runReport(books, second, req.query, now), changes: [] };
  }
  if (head === "companyinfo" && method === "GET") {
    if (segments.length !== 2) throw notFound(path);
    return ok({ CompanyInfo: readEntity(books, entityDef("CompanyInfo")!, "1") }, now);
  }
  if (head === "preferences" && segments.length === 1 && method === "GET") {
    return ok({ Preferences: readEntity(books, entityDef("Preferences")!, "1") }, now);
  }

  // Entity URLs are lower-case in QuickBooks (/salesreceipt); URIs are case sensitive.
  const def = head === head?.toLowerCase() ? entityDefLoose(head ?? "") : undefined;
  if (!def || segments.length > 2 || def.name === "CompanyInfo" || def.name === "Preferences") throw notFound(path);
  if (method === "GET") {
    if (segments.length !== 2) throw notFound(path);
    return ok({ [def.name]: readEntity(books, def, second) }, now);
  }
  if (segments.length !== 1) throw notFound(path);
  const result = write(books, def.name, req.query.get("operation"), req.query.get("include"), req.body, now);
  return ok({ [def.name]: result.body }, now, [result.change]);
}

/**
 * create/update/delete/void of one entity, shared by the entity URLs and batch items. `include`
 * is the URL's include parameter or a batch item's optionsData ("void", "allowduplicatedocnum").
 */
export function write(books: CompanyBooks, entityName: string, operation: string | null, include: string | null, body: unknown, now: Date): { body: unknown; change: EntityChange } {
  const def = entityDef(entityName);
  if (!def) throw unsupportedOperation(`${entityName} is not supported`);
  const op = (operation ?? "").toLowerCase();
  const includes = (include ?? "").toLowerCase().split(",").map((s) => s.trim());
  const options = { allowDuplicateDocNumber: includes.includes("allowduplicatedocnum") };
  if (op === "delete") return deleteEntity(books, def, body);
  if (op === "void" || (op === "update" && includes.includes("void"))) {
    const r = voidEntity(books, def, body, now);
    return { body: r.entity, change: r.change };
  }
  if (op === "update") {
    const r = updateEntity(books, def, body, now, options);
    return { body: r.entity, change: r.change };
  }
  if (op === "" || op === "create") {
    const r = createEntity(books, def, body, now, options);
    return { body: r.entity, change: r.change };
  }
  throw unsupportedOperation(`Operation ${operation} is not supported`);
}
