import { faultBody, handleAccountingRequest, type AccountingResponse } from "../accounting";
import type { RouteInput, SandboxContext } from "./context";
import { contentType, parseBearer, readBody, sendJson } from "./http";
import { ACCOUNTING_SCOPE } from "./scopes";
import type { StoredResponse } from "./state";
import { own } from "./records";

const API_PATH = /^\/v3\/company\/([^/]+)(\/.*)?$/;
/** requestid values Intuit accepts are at most 50 characters, 36 on a batch call (Intuit blog, 2015-04-06). */
const MAX_REQUEST_ID = 50;
const MAX_BATCH_REQUEST_ID = 36;
/** Responses remembered per company for requestid replay. */
const REPLAYS_KEPT = 5_000;

export function isApiPath(path: string): boolean {
  return API_PATH.test(path);
}

function gatewayFault(ctx: SandboxContext, status: number, code: string, message: string, detail: string, type: string): StoredResponse {
  return { status, body: faultBody([{ code, message, detail }], type, ctx.now()), storedAt: ctx.now().getTime() };
}

function authenticationFault(ctx: SandboxContext, detail: string): StoredResponse {
  return gatewayFault(ctx, 401, "3200", "message=AuthenticationFailed; errorCode=003200; statusCode=401", detail, "AUTHENTICATION");
}

function throttleFault(ctx: SandboxContext): StoredResponse {
  return gatewayFault(ctx, 429, "3001", "message=ThrottleExceeded; errorCode=003001; statusCode=429", "The request limit was reached.  Try again later", "SERVICE");
}

function injectedFault(ctx: SandboxContext, status: 500 | 503 | 429): StoredResponse {
  if (status === 429) return throttleFault(ctx);
  if (status === 503) return gatewayFault(ctx, 503, "503", "Service Unavailable", "The service is temporarily unavailable. Try again later.", "SERVICE");
  return gatewayFault(ctx, 500, "10000", "An application error has occurred while processing your request", "System Failure Error: injected by the sandbox", "SystemFault");
}

function send(input: RouteInput, response: StoredResponse): void {
  sendJson(input.res, response.status, response.body);
}

/**
 * /v3/company/{realmId}/...: authenticate the bearer token for the company, apply rate limits and
 * injected faults, replay a repeated requestid, otherwise run the call against the company's books,
 * then save and notify webhooks. Order matters: auth, limits, faults, replay, execution.
 */
export async function apiGateway(input: RouteInput): Promise<void> {
  const { ctx, req, url } = input;
  const match = API_PATH.exec(url.pathname)!;
  const realmId = decodeURIComponent(match[1]);
  const path = match[2] ?? "/";
  const body = await readBody(req);

  const token = parseBearer(req.headers.authorization);
  if (!token) return send(input, authenticationFault(ctx, "Authorization header is missing or is not a Bearer token"));
  const access = ctx.tokens.checkAccessToken(token, realmId, ctx.now().getTime());
  if (!access.ok) return send(input, authenticationFault(ctx, access.detail));
  const company = own(ctx.state.companies, realmId);
  if (!company) return send(input, authenticationFault(ctx, `Token invalid: company ${realmId} does not exist`));
  if (!access.grant.scopes.includes(ACCOUNTING_SCOPE)) {
    return send(input, gatewayFault(ctx, 403, "3100", "message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403",
      "The access token does not have sufficient scope", "AUTHORIZATION"));
  }
  const method = req.method;
  if (method !== "GET" && method !== "POST") {
    return send(input, gatewayFault(ctx, 405, "500", "Unsupported Operation", `Method ${method} is not supported`, "ValidationFault"));
  }

  if (ctx.settings.limits && !ctx.limiter.admit({ realmId, clientId: access.grant.clientId, batch: path === "/batch" })) {
    return send(input, throttleFault(ctx));
  }

  const fault = ctx.faults.take(realmId);
  if (fault?.kind === "http") return send(input, injectedFault(ctx, fault.status));
  if (fault?.kind === "hang") {
    // Without ms the call never answers; the socket closes when the client gives up or the sandbox stops.
    if (fault.ms === undefined) return;
    await new Promise((resolve) => setTimeout(resolve, fault.ms));
    if (input.res.destroyed) return;
  }

  const requestId = url.searchParams.get("requestid");
  const maxRequestId = path === "/batch" ? MAX_BATCH_REQUEST_ID : MAX_REQUEST_ID;
  if (requestId !== null && (requestId === "" || requestId.length > maxRequestId)) {
    return send(input, gatewayFault(ctx, 400, "2010", "Request has invalid or unsupported property",
      `requestid must be 1 to ${maxRequestId} characters${path === "/batch" ? " on a batch call" : ""} (Intuit's limit); this one has ${requestId.length}`, "ValidationFault"));
  }
  const replays = own(ctx.state.replays, realmId) ?? (ctx.state.replays[realmId] = {});
  const replayed = requestId === null ? undefined : own(replays, requestId);
  if (replayed) return send(input, replayed);

  const parsedBody = parseApiBody(method, path, contentType(req), body);
  let result: StoredResponse;
  if (!parsedBody.ok) {
    result = gatewayFault(ctx, 400, "2010", "Request has invalid or unsupported property", parsedBody.detail, "ValidationFault");
  } else {
    const now = ctx.now();
    let answer: AccountingResponse;
    try {
      answer = handleAccountingRequest(company.books, { method, path, query: url.searchParams, body: parsedBody.value, now });
    } catch (error) {
      console.error("sandbox: accounting request failed", error);
      answer = { status: 500, body: faultBody([{ code: "10000", message: "An application error has occurred while processing your request", detail: String(error) }], "SystemFault", now), changes: [] };
    }
    result = { status: answer.status, body: answer.body, storedAt: now.getTime() };
    if (answer.changes.length > 0) {
      ctx.webhooks.enqueue(realmId, ctx.tokens.connectedClientIds(realmId, now.getTime()), answer.changes);
    }
  }
  if (requestId !== null && result.status < 500) rememberReplay(replays, requestId, result);
  ctx.writer.scheduleSave();

  if (fault?.kind === "dropResponse") {
    // The write happened; the client never hears about it (a timeout after commit).
    input.req.socket.destroy();
    return;
  }
  send(input, result);
}

function rememberReplay(replays: Record<string, StoredResponse>, requestId: string, response: StoredResponse): void {
  // defineProperty: an id like "__proto__" must be stored as an ordinary key.
  Object.defineProperty(replays, requestId, { value: response, enumerable: true, writable: true, configurable: true });
  const ids = Object.keys(replays);
  // Insertion order is oldest first: forget the oldest beyond the cap.
  for (let i = 0; i < ids.length - REPLAYS_KEPT; i += 1) delete replays[ids[i]];
}

type ParsedBody = { ok: true; value: unknown } | { ok: false; detail: string };

/** JSON bodies; a query may also come as POST application/text (Intuit's Java SDK sends it so). */
function parseApiBody(method: string, path: string, type: string, body: Buffer): ParsedBody {
  if (method !== "POST" || body.length === 0) return { ok: true, value: undefined };
  const text = body.toString("utf8");
  if (path === "/query" && (type === "application/text" || type === "text/plain")) return { ok: true, value: text };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, detail: `The request body is not valid JSON: ${(error as Error).message}` };
  }
}
