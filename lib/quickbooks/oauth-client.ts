import "server-only";
import OAuthClient from "intuit-oauth";
import { z } from "zod";
import { env } from "@/lib/env";
import { qboEndpoints } from "./endpoints";

/**
 * Intuit OAuth 2.0 through `intuit-oauth` (the only module that imports it).
 *
 * Its endpoint URLs are static, process-wide properties: they are set here from the environment,
 * so `QBO_ENVIRONMENT=local` sends the very same calls to the sandbox.
 *
 * Its built-in retry is turned off: a refresh that succeeded at Intuit but whose answer was lost
 * would be retried with the now-superseded refresh token (invalid_grant), and the new one would be
 * lost. Callers decide what is safe to retry.
 */
const ACCOUNTING_SCOPE = "com.intuit.quickbooks.accounting";

export function redirectUri(): string {
  return `${env().APP_URL.replace(/\/$/, "")}/api/quickbooks/callback`;
}

function configureEndpoints(): void {
  const endpoints = qboEndpoints(env());
  OAuthClient.authorizeEndpoint = endpoints.authorize;
  OAuthClient.tokenEndpoint = endpoints.token;
  OAuthClient.revokeEndpoint = endpoints.revoke;
  OAuthClient.userinfo_endpoint_production = endpoints.userinfo;
  OAuthClient.userinfo_endpoint_sandbox = endpoints.userinfo;
  OAuthClient.retryConfig = { ...OAuthClient.retryConfig, maxRetries: 0 };
}

function client(): OAuthClient {
  configureEndpoints();
  const e = env();
  return new OAuthClient({
    clientId: e.QBO_CLIENT_ID,
    clientSecret: e.QBO_CLIENT_SECRET,
    environment: e.QBO_ENVIRONMENT === "production" ? "production" : "sandbox",
    redirectUri: redirectUri(),
    includeRefreshTokenHardExpiresIn: true,
  } as ConstructorParameters<typeof OAuthClient>[0]);
}

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.coerce.number().int().positive(),
  x_refresh_token_expires_in: z.coerce.number().int().positive(),
  x_refresh_token_hard_expires_in: z.coerce.number().int().positive().optional(),
});

export interface TokenSet {
  accessToken: string;
  refreshToken: string;
  /** Absolute times, computed when the answer arrived. */
  accessTokenExpiresAt: Date;
  refreshTokenExpiresAt: Date;
  refreshTokenHardExpiresAt: Date | null;
}

/** Intuit refused the grant: the refresh token is expired, superseded or revoked. Reauthorize. */
export class InvalidGrantError extends Error {}
/** Any other OAuth failure (network, 5xx, bad answer): the outcome may be unknown. */
class OAuthCallError extends Error {}

function toTokenSet(json: unknown, now: Date): TokenSet {
  const parsed = tokenResponseSchema.safeParse(json);
  if (!parsed.success) throw new OAuthCallError(`Intuit answered with an unexpected token response: ${parsed.error.issues[0]?.message}`);
  const t = parsed.data;
  const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);
  return {
    accessToken: t.access_token,
    refreshToken: t.refresh_token,
    accessTokenExpiresAt: at(t.expires_in),
    refreshTokenExpiresAt: at(t.x_refresh_token_expires_in),
    refreshTokenHardExpiresAt: t.x_refresh_token_hard_expires_in ? at(t.x_refresh_token_hard_expires_in) : null,
  };
}

function classify(error: unknown): Error {
  const e = error as { error?: string; message?: string; authResponse?: { json?: { error?: string } } };
  const code = e?.error || e?.authResponse?.json?.error;
  if (code === "invalid_grant") return new InvalidGrantError("QuickBooks no longer accepts this connection's authorization (invalid_grant).");
  return new OAuthCallError(`QuickBooks sign-in service error: ${code || e?.message || "unknown"}`);
}

export function authorizationUrl(state: string): string {
  return client().authorizeUri({ scope: [ACCOUNTING_SCOPE], state });
}

/** Exchanges the code of a callback URL (which carries code, state and realmId) for tokens. */
export async function exchangeCode(callbackUrl: string, now = new Date()): Promise<TokenSet> {
  return tokenCall(() => client().createToken(callbackUrl), now);
}

export async function refreshTokens(refreshToken: string, now = new Date()): Promise<TokenSet> {
  return tokenCall(() => client().refreshUsingToken(refreshToken), now);
}

/** A call to Intuit's token endpoint: its answer checked into a TokenSet, its failure classified. */
async function tokenCall(call: () => ReturnType<OAuthClient["createToken"]>, now: Date): Promise<TokenSet> {
  try {
    const response = await call();
    return toTokenSet(response.json ?? response.getJson?.(), now);
  } catch (error) {
    throw error instanceof OAuthCallError ? error : classify(error);
  }
}

/** Revoking either token ends the whole grant of this app for the company at Intuit. */
export async function revokeToken(token: string): Promise<void> {
  try {
    await client().revoke({ refresh_token: token });
  } catch (error) {
    throw classify(error);
  }
}
