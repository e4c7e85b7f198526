import type { RouteInput } from "./context";
import { contentType, parseBasicAuth, parseBearer, parseForm, readBody, sendEmpty, sendJson } from "./http";
import type { RegisteredApp } from "./apps";
import type { TokenResult } from "./tokens";

/** HTTP Basic client authentication, as Intuit requires on the token and revoke endpoints. */
function authenticateClient(input: RouteInput): RegisteredApp | null {
  const credentials = parseBasicAuth(input.req.headers.authorization);
  const app = credentials ? input.ctx.apps.get(credentials.id) : undefined;
  if (!app || !credentials || app.clientSecret !== credentials.secret) {
    sendJson(input.res, 401, { error: "invalid_client" });
    return null;
  }
  return app;
}

function wantsHardExpiry(input: RouteInput): boolean {
  return String(input.req.headers["x-include-refresh-token-hard-expires-in"] ?? "").toLowerCase() === "true";
}

function answerTokenResult(input: RouteInput, result: TokenResult): void {
  if (!result.ok) return sendJson(input.res, 400, { error: result.error, error_description: result.description });
  input.ctx.writer.scheduleSave();
  sendJson(input.res, 200, result.token);
}

/** POST /oauth2/v1/tokens/bearer: authorization_code and refresh_token grants. */
export async function tokenEndpoint(input: RouteInput): Promise<void> {
  const body = await readBody(input.req);
  const app = authenticateClient(input);
  if (!app) return;
  if (contentType(input.req) !== "application/x-www-form-urlencoded") {
    return sendJson(input.res, 400, { error: "invalid_request", error_description: "Content-Type must be application/x-www-form-urlencoded" });
  }
  const form = parseForm(body);
  const { ctx } = input;
  const now = ctx.now().getTime();
  const includeHardExpiry = wantsHardExpiry(input);
  switch (form.get("grant_type")) {
    case "authorization_code": {
      const code = form.get("code");
      const redirectUri = form.get("redirect_uri");
      if (!code || !redirectUri) {
        return sendJson(input.res, 400, { error: "invalid_request", error_description: "code and redirect_uri are required" });
      }
      return answerTokenResult(input, ctx.tokens.exchangeAuthCode({ clientId: app.clientId, code, redirectUri, now, includeHardExpiry }));
    }
    case "refresh_token": {
      const refreshToken = form.get("refresh_token");
      if (!refreshToken) return sendJson(input.res, 400, { error: "invalid_request", error_description: "refresh_token is required" });
      return answerTokenResult(input, ctx.tokens.refresh({ clientId: app.clientId, refreshToken, now, includeHardExpiry }));
    }
    default:
      return sendJson(input.res, 400, { error: "unsupported_grant_type" });
  }
}

/**
 * POST /v2/oauth2/tokens/revoke with JSON {"token"} (intuit-oauth) or form token= (Intuit's Java
 * SDK). Either token of a grant ends the app's whole connection to that company. Like RFC 7009, an
 * unknown token is not an error.
 */
export async function revokeEndpoint(input: RouteInput): Promise<void> {
  const body = await readBody(input.req);
  const app = authenticateClient(input);
  if (!app) return;
  let token: unknown;
  if (contentType(input.req) === "application/x-www-form-urlencoded") token = parseForm(body).get("token");
  else {
    try {
      token = (JSON.parse(body.toString("utf8") || "{}") as { token?: unknown }).token;
    } catch {
      return sendJson(input.res, 400, { error: "invalid_request", error_description: "the body must be JSON {\"token\": \"...\"}" });
    }
  }
  if (typeof token !== "string" || token === "") {
    return sendJson(input.res, 400, { error: "invalid_request", error_description: "token is required" });
  }
  const { ctx } = input;
  const revoked = ctx.tokens.revokeByToken({ clientId: app.clientId, token, now: ctx.now().getTime() });
  if (revoked) ctx.writer.scheduleSave();
  sendEmpty(input.res, 200);
}

/** GET /v1/openid_connect/userinfo with a Bearer access token. */
export function userInfoEndpoint(input: RouteInput): void {
  const { ctx } = input;
  const token = parseBearer(input.req.headers.authorization);
  const grant = token ? ctx.tokens.grantForAccessToken(token, ctx.now().getTime()) : null;
  if (!grant) return sendJson(input.res, 401, { error: "invalid_token" });
  if (!grant.scopes.some((s) => ["openid", "profile", "email", "phone", "address"].includes(s))) {
    return sendJson(input.res, 403, { error: "insufficient_scope", error_description: "userinfo needs the openid scope" });
  }
  const company = ctx.state.companies[grant.realmId];
  const user = ctx.state.users[grant.userId ?? company?.memberUserIds[0] ?? ""];
  const [givenName, ...rest] = (user?.name ?? "Sandbox User").split(" ");
  const info: Record<string, unknown> = { sub: user?.id ?? grant.id };
  if (grant.scopes.includes("email")) Object.assign(info, { email: user?.email ?? "", emailVerified: true });
  if (grant.scopes.includes("profile")) Object.assign(info, { givenName, familyName: rest.join(" ") });
  sendJson(input.res, 200, info);
}

/** The discovery document, with this sandbox's own URLs. */
export function discoveryDocument(input: RouteInput): void {
  const base = `${input.url.protocol}//${input.url.host}`;
  sendJson(input.res, 200, {
    issuer: "https://oauth.platform.intuit.com/op/v1",
    authorization_endpoint: `${base}/connect/oauth2`,
    token_endpoint: `${base}/oauth2/v1/tokens/bearer`,
    userinfo_endpoint: `${base}/v1/openid_connect/userinfo`,
    revocation_endpoint: `${base}/v2/oauth2/tokens/revoke`,
    response_types_supported: ["code"],
    subject_types_supported: ["public"],
    scopes_supported: ["openid", "email", "profile", "address", "phone", "com.intuit.quickbooks.accounting", "com.intuit.quickbooks.payment"],
  });
}
