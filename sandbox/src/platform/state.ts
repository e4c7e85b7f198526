import type { CompanyBooks } from "../accounting";

/**
 * Everything the sandbox remembers, as plain JSON so it can be written to the data file as is.
 * Short-lived browser state (sign-in sessions, authorize flows) and test controls (faults, rate
 * windows) live in memory only.
 */
export interface SandboxState {
  version: 1;
  /** Added to the real clock: POST /_sandbox/clock moves time forward for token-expiry tests. */
  clockOffsetMs: number;
  users: Record<string, SandboxUser>;
  companies: Record<string, SandboxCompany>;
  grants: Record<string, Grant>;
  accessTokens: Record<string, AccessTokenRecord>;
  refreshTokens: Record<string, RefreshTokenRecord>;
  authCodes: Record<string, AuthCodeRecord>;
  /** Stored API responses by realm and requestid, replayed for a repeated id. */
  replays: Record<string, Record<string, StoredResponse>>;
  webhooks: WebhookDelivery[];
}

export interface SandboxUser {
  id: string;
  email: string;
  name: string;
  passwordSalt: string;
  passwordHash: string;
  createdAt: string;
}

export interface SandboxCompany {
  realmId: string;
  /** Users who may connect apps to this company (its administrators). */
  memberUserIds: string[];
  createdAt: string;
  books: CompanyBooks;
}

/** One authorization of an app for a company: the chain of tokens that grows from one consent. */
export interface Grant {
  id: string;
  clientId: string;
  realmId: string;
  userId: string | null;
  scopes: string[];
  createdAt: number;
  /** Refresh tokens stop working five years after the first grant, however often they rotate. */
  hardExpiresAt: number;
  revokedAt: number | null;
}

interface AccessTokenRecord {
  grantId: string;
  expiresAt: number;
}

interface RefreshTokenRecord {
  grantId: string;
  expiresAt: number;
  /** When a newer refresh token replaced this one; it then works only for the grace period. */
  supersededAt: number | null;
}

interface AuthCodeRecord {
  clientId: string;
  redirectUri: string;
  realmId: string;
  userId: string;
  scopes: string[];
  expiresAt: number;
  usedAt: number | null;
}

export interface StoredResponse {
  status: number;
  body: unknown;
  storedAt: number;
}

interface WebhookAttempt {
  at: string;
  status: number | null;
  error: string | null;
}

export interface WebhookDelivery {
  id: string;
  clientId: string;
  realmIds: string[];
  url: string;
  format: "cloudevents" | "legacy";
  /** The exact bytes sent and signed. */
  payload: string;
  signature: string;
  createdAt: string;
  state: "pending" | "delivered";
  attempts: WebhookAttempt[];
}

export function createEmptyState(): SandboxState {
  return {
    version: 1,
    clockOffsetMs: 0,
    users: {},
    companies: {},
    grants: {},
    accessTokens: {},
    refreshTokens: {},
    authCodes: {},
    replays: {},
    webhooks: [],
  };
}
