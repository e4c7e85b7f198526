/** Test controls under /_sandbox (JSON in, JSON out). Enabled in dev and test only. */
import { z } from "zod";
import { listEntities, setEntityActive } from "../accounting";
import { createCompany, newCompanySchema } from "./companies";
import type { RouteInput, SandboxContext } from "./context";
import { faultRequestSchema } from "./faults";
import { readBody, sendJson } from "./http";
import { createEmptyState } from "./state";
import { ACCOUNTING_SCOPE, parseScopes } from "./scopes";
import { createUser, findUserByEmail, newUserSchema, publicUser, UserExistsError } from "./users";
import { own } from "./records";

class AdminError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

async function jsonBody<T extends z.ZodType>(input: RouteInput, schema: T): Promise<z.output<T>> {
  const text = (await readBody(input.req)).toString("utf8");
  let raw: unknown = {};
  if (text.trim() !== "") {
    try {
      raw = JSON.parse(text);
    } catch {
      throw new AdminError(400, "the request body must be JSON");
    }
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new AdminError(400, parsed.error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; "));
  }
  return parsed.data;
}

function companyOr404(ctx: SandboxContext, realmId: string) {
  const company = own(ctx.state.companies, realmId);
  if (!company) throw new AdminError(404, `no company with realmId ${realmId}`);
  return company;
}

const createCompanyBody = z.object({ ownerEmail: z.email().optional() }).passthrough();
const tokensBody = z.object({ clientId: z.string().min(1, "clientId is required"), scope: z.string().optional() });
const clockBody = z.object({ advanceSeconds: z.number().finite().min(0, "advanceSeconds must not be negative") });

type Handler = (input: RouteInput, params: string[]) => Promise<unknown> | unknown;
const ROUTES: Array<{ method: string; pattern: RegExp; handle: Handler }> = [
  { method: "GET", pattern: /^\/_sandbox\/companies$/, handle: ({ ctx }) => ({
    companies: Object.values(ctx.state.companies).map((c) => companySummary(ctx, c.realmId)),
  }) },
  { method: "POST", pattern: /^\/_sandbox\/companies$/, handle: async (input) => {
    const { ctx } = input;
    const body = await jsonBody(input, createCompanyBody);
    const company = newCompanySchema.safeParse(body);
    if (!company.success) throw new AdminError(400, company.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
    const owner = body.ownerEmail ? findUserByEmail(ctx.state, body.ownerEmail) : undefined;
    if (body.ownerEmail && !owner) throw new AdminError(400, `ownerEmail: no sandbox user with e-mail ${body.ownerEmail}; create it with POST /_sandbox/users first`);
    const created = createCompany(ctx.state, company.data, owner ? [owner.id] : [], ctx.now());
    return { realmId: created.realmId };
  } },
  { method: "GET", pattern: /^\/_sandbox\/companies\/([^/]+)$/, handle: ({ ctx }, [realmId]) => companySummary(ctx, realmId) },
  { method: "POST", pattern: /^\/_sandbox\/users$/, handle: async (input) => {
    const body = await jsonBody(input, newUserSchema);
    try {
      return publicUser(createUser(input.ctx.state, body, input.ctx.now()));
    } catch (error) {
      if (error instanceof UserExistsError) throw new AdminError(409, error.message);
      throw error;
    }
  } },
  { method: "GET", pattern: /^\/_sandbox\/users$/, handle: ({ ctx }) => ({ users: Object.values(ctx.state.users).map(publicUser) }) },
  { method: "POST", pattern: /^\/_sandbox\/companies\/([^/]+)\/tokens$/, handle: async (input, [realmId]) => {
    const { ctx } = input;
    const company = companyOr404(ctx, realmId);
    const body = await jsonBody(input, tokensBody);
    if (!ctx.apps.get(body.clientId)) throw new AdminError(400, `clientId: no app registered as ${body.clientId}`);
    const { scopes, unknown } = parseScopes(body.scope ?? ACCOUNTING_SCOPE);
    if (unknown.length) throw new AdminError(400, `scope: unknown scope ${unknown.join(" ")}`);
    const includeHardExpiry = String(input.req.headers["x-include-refresh-token-hard-expires-in"] ?? "").toLowerCase() === "true";
    return ctx.tokens.createGrant({ clientId: body.clientId, realmId, userId: company.memberUserIds[0] ?? null, scopes, now: ctx.now().getTime(), includeHardExpiry }).token;
  } },
  { method: "GET", pattern: /^\/_sandbox\/companies\/([^/]+)\/entities\/([A-Za-z]+)$/, handle: ({ ctx }, [realmId, entity]) => {
    const { books } = companyOr404(ctx, realmId);
    try {
      return listEntities(books, entity);
    } catch (error) {
      throw new AdminError(400, `entity: cannot list ${entity}: ${(error as Error).message}`);
    }
  } },
  { method: "GET", pattern: /^\/_sandbox\/companies\/([^/]+)\/faults$/, handle: ({ ctx }, [realmId]) => {
    companyOr404(ctx, realmId);
    return { pending: ctx.faults.pending(realmId) };
  } },
  { method: "POST", pattern: /^\/_sandbox\/companies\/([^/]+)\/faults$/, handle: (input, [realmId]) => injectFault(input, realmId) },
  { method: "DELETE", pattern: /^\/_sandbox\/companies\/([^/]+)\/faults$/, handle: ({ ctx }, [realmId]) => {
    companyOr404(ctx, realmId);
    ctx.faults.clear(realmId);
    return { cleared: true };
  } },
  { method: "GET", pattern: /^\/_sandbox\/clock$/, handle: ({ ctx }) => clockView(ctx) },
  { method: "POST", pattern: /^\/_sandbox\/clock$/, handle: async (input) => {
    const body = await jsonBody(input, clockBody);
    input.ctx.state.clockOffsetMs += body.advanceSeconds * 1000;
    return clockView(input.ctx);
  } },
  { method: "GET", pattern: /^\/_sandbox\/webhooks$/, handle: ({ ctx, url }) => ({
    deliveries: ctx.webhooks.log({ clientId: url.searchParams.get("clientId") ?? undefined, realmId: url.searchParams.get("realmId") ?? undefined }),
  }) },
  { method: "POST", pattern: /^\/_sandbox\/reset$/, handle: ({ ctx }) => {
    ctx.webhooks.clear();
    ctx.faults.clear();
    ctx.limiter.reset();
    ctx.browser.clear();
    Object.assign(ctx.state, createEmptyState());
    return { reset: true };
  } },
];

function clockView(ctx: SandboxContext) {
  return { now: ctx.now().toISOString(), offsetSeconds: ctx.state.clockOffsetMs / 1000 };
}

function companySummary(ctx: SandboxContext, realmId: string) {
  const company = companyOr404(ctx, realmId);
  const { books } = company;
  return {
    realmId,
    name: books.name,
    country: books.country,
    region: books.region,
    automatedSalesTax: books.automatedSalesTax,
    closedBefore: books.closedBefore,
    members: company.memberUserIds.map((id) => ctx.state.users[id]?.email).filter(Boolean),
    connectedApps: ctx.tokens.connectedClientIds(realmId, ctx.now().getTime()),
  };
}

async function injectFault(input: RouteInput, realmId: string): Promise<unknown> {
  const { ctx } = input;
  const company = companyOr404(ctx, realmId);
  const fault = await jsonBody(input, faultRequestSchema);
  const now = ctx.now();
  switch (fault.kind) {
    case "http":
      ctx.faults.add(realmId, { kind: "http", status: fault.status, remaining: fault.count });
      return { pending: ctx.faults.pending(realmId) };
    case "hang":
      ctx.faults.add(realmId, { kind: "hang", ms: fault.ms, remaining: fault.count });
      return { pending: ctx.faults.pending(realmId) };
    case "dropResponse":
      ctx.faults.add(realmId, { kind: "dropResponse", remaining: fault.count });
      return { pending: ctx.faults.pending(realmId) };
    case "expireAccessTokens":
      return { expired: ctx.tokens.expireAccessTokens(realmId, now.getTime()) };
    case "revokeGrant":
      return { revoked: ctx.tokens.revokeGrants({ realmId, clientId: fault.clientId, now: now.getTime() }) };
    case "inactive":
      try {
        setEntityActive(company.books, fault.entity, fault.id, false);
      } catch (error) {
        throw new AdminError(404, `cannot make ${fault.entity} ${fault.id} inactive: ${(error as Error).message}`);
      }
      // As when the owner makes it inactive in QuickBooks: connected apps get a signed notification.
      ctx.webhooks.enqueue(realmId, ctx.tokens.connectedClientIds(realmId, now.getTime()), [{ entity: fault.entity, id: fault.id, operation: "Update" }]);
      return { entity: fault.entity, id: fault.id, active: false };
    case "closeBooks":
      company.books.closedBefore = fault.before;
      return { closedBefore: fault.before };
  }
}

/** Answers a /_sandbox request; 404 when the admin API is disabled. */
export async function adminApi(input: RouteInput): Promise<void> {
  const { ctx, req, url, res } = input;
  if (!ctx.settings.adminApi) return sendJson(res, 404, { error: "not_found" });
  const candidates = ROUTES.filter((r) => r.pattern.test(url.pathname));
  const route = candidates.find((r) => r.method === req.method);
  if (!route) {
    return sendJson(res, candidates.length ? 405 : 404, { error: candidates.length ? `method ${req.method} not allowed here` : `no admin route ${url.pathname}` });
  }
  const params = route.pattern.exec(url.pathname)!.slice(1).map(decodeURIComponent);
  try {
    const result = await route.handle(input, params);
    ctx.writer.scheduleSave();
    sendJson(res, 200, result);
  } catch (error) {
    if (error instanceof AdminError) return sendJson(res, error.status, { error: error.message });
    throw error;
  }
}
