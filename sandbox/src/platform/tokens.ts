import { randomBytes } from "node:crypto";
import type { Grant, SandboxState } from "./state";
import { own } from "./records";

const ACCESS_TOKEN_SECONDS = 3600;
/** Refresh tokens expire after 100 days unused; every refresh starts the 100 days again. */
const REFRESH_TOKEN_SECONDS = 100 * 24 * 3600;
const AUTH_CODE_SECONDS = 5 * 60;
const HARD_EXPIRY_YEARS = 5;

/** What the token endpoint returns, field for field as Intuit sends it. */
export interface TokenResponse {
  token_type: "bearer";
  expires_in: number;
  access_token: string;
  refresh_token: string;
  x_refresh_token_expires_in: number;
  x_refresh_token_hard_expires_in?: number;
}

export type TokenResult =
  | { ok: true; grant: Grant; token: TokenResponse }
  | { ok: false; error: "invalid_grant"; description: string };

export type AccessCheck =
  | { ok: true; grant: Grant }
  | { ok: false; detail: string };

/** Opaque random token strings; the prefixes only help a human reading logs tell them apart. */
function opaque(prefix: string, bytes: number): string {
  return `${prefix}${randomBytes(bytes).toString("base64url")}`;
}

function addYears(ms: number, years: number): number {
  const date = new Date(ms);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  return date.getTime();
}

/**
 * Intuit's token lifecycle over the persisted state: authorization codes, grants, access tokens and
 * rotating refresh tokens. All times are sandbox-clock milliseconds passed in by the caller.
 */
export class TokenStore {
  constructor(
    private readonly state: SandboxState,
    /** Seconds a refresh token keeps working after a newer one was issued (Intuit: 0). */
    private readonly refreshGraceSeconds: number,
  ) {}

  issueAuthCode(input: { clientId: string; redirectUri: string; realmId: string; userId: string; scopes: string[]; now: number }): string {
    this.prune(input.now);
    const code = opaque("AB11", 36);
    this.state.authCodes[code] = {
      clientId: input.clientId,
      redirectUri: input.redirectUri,
      realmId: input.realmId,
      userId: input.userId,
      scopes: input.scopes,
      expiresAt: input.now + AUTH_CODE_SECONDS * 1000,
      usedAt: null,
    };
    return code;
  }

  exchangeAuthCode(input: { clientId: string; code: string; redirectUri: string; now: number; includeHardExpiry: boolean }): TokenResult {
    const record = own(this.state.authCodes, input.code);
    if (!record || record.clientId !== input.clientId) return invalidGrant("Invalid authorization code");
    if (record.usedAt !== null) return invalidGrant("Authorization code has already been used");
    if (record.expiresAt <= input.now) return invalidGrant("Authorization code has expired");
    if (record.redirectUri !== input.redirectUri) return invalidGrant("redirect_uri does not match the one used to authorize");
    record.usedAt = input.now;
    if (!this.state.companies[record.realmId]) return invalidGrant("The company no longer exists");
    return this.createGrant({ ...record, now: input.now, includeHardExpiry: input.includeHardExpiry });
  }

  /** A new grant, as after a consent or from the OAuth Playground (admin API). */
  createGrant(input: { clientId: string; realmId: string; userId: string | null; scopes: string[]; now: number; includeHardExpiry: boolean }): TokenResult & { ok: true } {
    const grant: Grant = {
      id: opaque("grant_", 12),
      clientId: input.clientId,
      realmId: input.realmId,
      userId: input.userId,
      scopes: input.scopes,
      createdAt: input.now,
      hardExpiresAt: addYears(input.now, HARD_EXPIRY_YEARS),
      revokedAt: null,
    };
    this.state.grants[grant.id] = grant;
    return { ok: true, grant, token: this.issueTokens(grant, input.now, input.includeHardExpiry) };
  }

  refresh(input: { clientId: string; refreshToken: string; now: number; includeHardExpiry: boolean }): TokenResult {
    const record = own(this.state.refreshTokens, input.refreshToken);
    if (!record) return invalidGrant("Incorrect or invalid refresh token");
    const grant = this.state.grants[record.grantId];
    if (!grant || grant.clientId !== input.clientId) return invalidGrant("Incorrect or invalid refresh token");
    if (grant.revokedAt !== null) return invalidGrant("Token invalid: the app was disconnected from this company");
    if (record.expiresAt <= input.now) return invalidGrant("Token invalid: refresh token expired");
    if (record.supersededAt !== null && record.supersededAt + this.refreshGraceSeconds * 1000 <= input.now) {
      return invalidGrant("Token invalid: a newer refresh token was issued");
    }
    return { ok: true, grant, token: this.issueTokens(grant, input.now, input.includeHardExpiry) };
  }

  /** Revoking either token of a grant ends every grant of that app for that company. */
  revokeByToken(input: { clientId: string; token: string; now: number }): boolean {
    const record = own(this.state.accessTokens, input.token) ?? own(this.state.refreshTokens, input.token);
    const grant = record ? this.state.grants[record.grantId] : undefined;
    if (!grant || grant.clientId !== input.clientId) return false;
    this.revokeGrants({ realmId: grant.realmId, clientId: grant.clientId, now: input.now });
    return true;
  }

  /** Disconnect: every grant of the app (or of every app) for the company stops working. */
  revokeGrants(input: { realmId: string; clientId?: string; now: number }): number {
    let revoked = 0;
    for (const grant of Object.values(this.state.grants)) {
      if (grant.realmId !== input.realmId || grant.revokedAt !== null) continue;
      if (input.clientId !== undefined && grant.clientId !== input.clientId) continue;
      grant.revokedAt = input.now;
      revoked += 1;
    }
    if (revoked > 0) this.dropTokensOfRevokedGrants();
    return revoked;
  }

  checkAccessToken(token: string, realmId: string, now: number): AccessCheck {
    const record = own(this.state.accessTokens, token);
    if (!record) return { ok: false, detail: "Token invalid or revoked: the access token is not recognized" };
    const grant = this.state.grants[record.grantId];
    if (!grant || grant.revokedAt !== null) return { ok: false, detail: "Token revoked: the app was disconnected from this company" };
    if (record.expiresAt <= now) return { ok: false, detail: "Token expired: the access token is more than 3600 seconds old" };
    if (grant.realmId !== realmId) return { ok: false, detail: `Token invalid: the access token was not issued for company ${realmId}` };
    return { ok: true, grant };
  }

  /** For userinfo: any live access token, whatever company it was issued for. */
  grantForAccessToken(token: string, now: number): Grant | null {
    const record = own(this.state.accessTokens, token);
    const grant = record ? this.state.grants[record.grantId] : undefined;
    if (!record || !grant || grant.revokedAt !== null || record.expiresAt <= now) return null;
    return grant;
  }

  expireAccessTokens(realmId: string, now: number): number {
    let expired = 0;
    for (const record of Object.values(this.state.accessTokens)) {
      if (this.state.grants[record.grantId]?.realmId !== realmId || record.expiresAt <= now) continue;
      record.expiresAt = now;
      expired += 1;
    }
    return expired;
  }

  /** Apps holding a live grant for the company: the ones that receive its webhooks. */
  connectedClientIds(realmId: string, now: number): string[] {
    const ids = new Set<string>();
    for (const grant of Object.values(this.state.grants)) {
      if (grant.realmId === realmId && grant.revokedAt === null && grant.hardExpiresAt > now) ids.add(grant.clientId);
    }
    return [...ids];
  }

  liveGrants(realmId: string, now: number): Grant[] {
    return Object.values(this.state.grants).filter((g) => g.realmId === realmId && g.revokedAt === null && g.hardExpiresAt > now);
  }

  private issueTokens(grant: Grant, now: number, includeHardExpiry: boolean): TokenResponse {
    // The refresh token a grant had until now is superseded by the new one.
    for (const record of Object.values(this.state.refreshTokens)) {
      if (record.grantId === grant.id && record.supersededAt === null) record.supersededAt = now;
    }
    const hardRemaining = Math.max(0, Math.floor((grant.hardExpiresAt - now) / 1000));
    const refreshSeconds = Math.min(REFRESH_TOKEN_SECONDS, hardRemaining);
    const accessToken = opaque("eyJ", 96);
    const refreshToken = opaque("RT1-", 40);
    this.state.accessTokens[accessToken] = { grantId: grant.id, expiresAt: now + ACCESS_TOKEN_SECONDS * 1000 };
    this.state.refreshTokens[refreshToken] = { grantId: grant.id, expiresAt: now + refreshSeconds * 1000, supersededAt: null };
    this.prune(now);
    const response: TokenResponse = {
      token_type: "bearer",
      expires_in: ACCESS_TOKEN_SECONDS,
      access_token: accessToken,
      refresh_token: refreshToken,
      x_refresh_token_expires_in: refreshSeconds,
    };
    if (includeHardExpiry) response.x_refresh_token_hard_expires_in = hardRemaining;
    return response;
  }

  private dropTokensOfRevokedGrants(): void {
    for (const [token, record] of Object.entries(this.state.accessTokens)) {
      if (this.state.grants[record.grantId]?.revokedAt !== null) delete this.state.accessTokens[token];
    }
    for (const [token, record] of Object.entries(this.state.refreshTokens)) {
      if (this.state.grants[record.grantId]?.revokedAt !== null) delete this.state.refreshTokens[token];
    }
  }

  /** Forget what can never be used again, so the state file does not grow without bound. */
  private prune(now: number): void {
    const graceMs = this.refreshGraceSeconds * 1000;
    for (const [code, record] of Object.entries(this.state.authCodes)) {
      if (record.expiresAt <= now) delete this.state.authCodes[code];
    }
    // Expired access tokens are kept a day so a late call hears "expired", not "unknown".
    for (const [token, record] of Object.entries(this.state.accessTokens)) {
      if (record.expiresAt + 24 * 3600 * 1000 <= now) delete this.state.accessTokens[token];
    }
    for (const [token, record] of Object.entries(this.state.refreshTokens)) {
      const superseded = record.supersededAt !== null && record.supersededAt + graceMs <= now;
      if (superseded || record.expiresAt <= now) delete this.state.refreshTokens[token];
    }
  }
}

function invalidGrant(description: string): TokenResult {
  return { ok: false, error: "invalid_grant", description };
}
