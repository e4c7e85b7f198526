import { and, eq, gt, inArray, isNull, ne } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { isUniqueViolation } from "@/db/errors";
import { LIVE_REALM_INDEX, memberships, oauthStates, qboConnections, qboPauses } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { notifyReauthorized } from "@/lib/notify/causes";
import { QboApi } from "../api-client";
import { qboEndpoints } from "../endpoints";
import { env } from "@/lib/env";
import { exchangeCode, redirectUri, revokeToken, type TokenSet } from "../oauth-client";
import { verifyState, type OAuthStatePayload } from "../oauth-state";
import { saveTokens } from "../token-store";
import { assertMayManage, type Actor } from "./actor";
import { businessToday, systemClock, type Clock } from "./business-day";
import { readCompanyProfile, type CompanyProfile } from "./company-profile";
import { auditView, findBusiness, findConnection, isLive, LIVE_STATUSES, lockConnection, updateConnection } from "./connection-record";
import { ConnectionRefusedError, type RefusalCode } from "./refusal";

/** The callback's query, already checked by the route (zod). */
interface CallbackQuery {
  state: string;
  code?: string;
  realmId?: string;
  /** Intuit's `error`, e.g. access_denied when the owner pressed Cancel. */
  error?: string;
}

export interface CallbackDeps {
  /** Exchanges the authorization code (Intuit's token endpoint). */
  exchange: (query: { code: string; realmId: string; state: string }) => Promise<TokenSet>;
  /** Reads the company with a fresh access token, before anything is stored. */
  readProfile: (realmId: string, accessToken: string) => Promise<CompanyProfile>;
  /** Ends a grant at Intuit (the revoke endpoint), for a refused company no business holds. */
  revoke: (refreshToken: string) => Promise<void>;
}

const defaultCallbackDeps: CallbackDeps = {
  exchange: ({ code, realmId, state }) => exchangeCode(`${redirectUri()}?${new URLSearchParams({ code, state, realmId })}`),
  readProfile: (realmId, accessToken) =>
    readCompanyProfile(new QboApi({ baseUrl: qboEndpoints(env()).api, realmId, accessToken: async () => accessToken })),
  revoke: revokeToken,
};

export interface CompleteAuthorizationInput {
  /** The signed-in user who arrived at the callback. */
  userId: string;
  query: CallbackQuery;
  secret: string;
  /** The business the browser started from (flow cookie), when known: a state for another one is refused. */
  expectedBusinessId?: string;
  clock?: Clock;
  deps?: CallbackDeps;
}

export interface AuthorizationOutcome {
  businessId: string;
  purpose: OAuthStatePayload["purpose"];
}

function refuse(code: RefusalCode, message: string, businessId?: string, details: Record<string, string> = {}, cause?: unknown): never {
  throw new ConnectionRefusedError(code, message, businessId ? { ...details, businessId } : details, cause === undefined ? undefined : { cause });
}

/** An error's name and message, for the log and the audit record (never its stack or any token). */
function describeCause(error: unknown): string {
  return (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 500);
}

async function roleIn(db: DbOrTx, userId: string, businessId: string): Promise<Actor | null> {
  const [row] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.businessId, businessId)));
  return row ? { userId, role: row.role } : null;
}

/** Marks the state's nonce used, once: a replayed callback finds it used and is refused. */
async function consumeNonce(db: Db, payload: OAuthStatePayload, now: Date): Promise<void> {
  const used = await db
    .update(oauthStates)
    .set({ usedAt: now })
    .where(
      and(
        eq(oauthStates.nonce, payload.nonce),
        isNull(oauthStates.usedAt),
        eq(oauthStates.businessId, payload.businessId),
        eq(oauthStates.userId, payload.userId),
        eq(oauthStates.purpose, payload.purpose),
        gt(oauthStates.expiresAt, now),
      ),
    )
    .returning({ nonce: oauthStates.nonce });
  if (used.length === 1) return;
  const [known] = await db.select().from(oauthStates).where(eq(oauthStates.nonce, payload.nonce));
  if (known?.usedAt) refuse("state_reused", "This QuickBooks sign-in link was already used.", payload.businessId);
  refuse("state_invalid", "This QuickBooks sign-in link is not one this portal started.", payload.businessId);
}

/**
 * The OAuth callback: verify the state (signature, expiry, unused nonce, same user, a business the
 * user owns and started from), exchange the code, read the company, and only then store the
 * connection and its encrypted tokens in one transaction. Every refusal stores nothing: no tokens,
 * no company. A refusal after the code exchange also revokes the new grant at Intuit — unless a
 * business of the portal holds that company: revoking ends the app's whole grant for the company,
 * which would cut off the business it belongs to (see releaseRefusedGrant).
 */
export async function completeAuthorization(db: Db, input: CompleteAuthorizationInput): Promise<AuthorizationOutcome> {
  const clock = input.clock ?? systemClock;
  const deps = input.deps ?? defaultCallbackDeps;
  const check = verifyState(input.secret, input.query.state, clock());
  if (!check.ok) {
    if (check.reason === "expired") refuse("state_expired", "This QuickBooks sign-in link expired (they last 10 minutes).");
    refuse("state_invalid", "This QuickBooks sign-in link is not valid.");
  }
  const payload = check.payload;
  if (payload.userId !== input.userId) refuse("state_foreign", "This QuickBooks sign-in was started by someone else.");
  if (input.expectedBusinessId && input.expectedBusinessId !== payload.businessId) {
    refuse("state_foreign", "This QuickBooks sign-in was started for another business.", input.expectedBusinessId);
  }
  const actor = await roleIn(db, input.userId, payload.businessId);
  if (!actor) refuse("state_foreign", "This QuickBooks sign-in was started for a business you do not belong to.");
  assertMayManage(actor);
  await consumeNonce(db, payload, clock());

  const businessId = payload.businessId;
  if (input.query.error) {
    if (input.query.error === "access_denied") refuse("access_denied", "The connection was cancelled on QuickBooks' page.", businessId);
    refuse("authorization_failed", `QuickBooks did not authorize the connection (${input.query.error}).`, businessId);
  }
  const { code, realmId } = input.query;
  if (!code || !realmId) refuse("authorization_failed", "QuickBooks answered without a code or a company id.", businessId);

  let tokens: TokenSet;
  let profile: CompanyProfile;
  // Why Intuit or QuickBooks failed is kept (logged, on the refusal's cause and in the audit
  // record); the user is told what happened in words they can act on.
  const refuseBecause = async (code: RefusalCode, message: string, cause: unknown): Promise<never> => {
    console.error(`QuickBooks ${payload.purpose} of business ${businessId} refused (${code}): ${describeCause(cause)}`);
    await recordAudit(db, { businessId, actorUserId: actor.userId, action: `quickbooks.${payload.purpose}_refused`, after: { reason: code, cause: describeCause(cause) } });
    refuse(code, message, businessId, {}, cause);
  };
  try {
    tokens = await deps.exchange({ code, realmId, state: input.query.state });
  } catch (error) {
    return refuseBecause("authorization_failed", "QuickBooks did not accept the sign-in. Try again.", error);
  }
  try {
    profile = await deps.readProfile(realmId, tokens.accessToken);
  } catch (error) {
    await releaseRefusedGrant(db, deps, realmId, tokens);
    return refuseBecause("quickbooks_unavailable", "QuickBooks could not be reached to read the company. Try again.", error);
  }

  try {
    await db.transaction(async (tx) => {
      if (payload.purpose === "connect") await storeNewConnection(tx, actor, businessId, realmId, profile, tokens, clock);
      else await storeReauthorization(tx, actor, businessId, realmId, profile, tokens, clock);
    });
  } catch (error) {
    const refusal =
      // The partial unique index on live realms: another business took this company meanwhile.
      isUniqueViolation(error, LIVE_REALM_INDEX)
        ? new ConnectionRefusedError("company_taken", "This QuickBooks company is already connected to another merchant account.", { businessId }, { cause: error })
        : error;
    if (refusal instanceof ConnectionRefusedError) {
      // For support: the attempt and why it was refused (never the business that holds the company).
      await recordAudit(db, { businessId, actorUserId: actor.userId, action: `quickbooks.${payload.purpose}_refused`, after: { reason: refusal.code } });
      await releaseRefusedGrant(db, deps, realmId, tokens);
    }
    throw refusal;
  }
  if (payload.purpose === "reauthorize") {
    const connection = await findConnection(db, businessId);
    if (connection) await notifyReauthorized(db, connection);
  }
  return { businessId, purpose: payload.purpose };
}

/**
 * A refused authorization must not leave the app connected to the company at Intuit. The grant is
 * revoked when no business of the portal holds the company (a live connection to that realm);
 * otherwise it is left alone, since revoking would also end that business's connection. A failed
 * revoke does not change the refusal the owner sees.
 */
async function releaseRefusedGrant(db: DbOrTx, deps: CallbackDeps, realmId: string, tokens: TokenSet): Promise<void> {
  const [holder] = await db
    .select({ id: qboConnections.id })
    .from(qboConnections)
    .where(and(eq(qboConnections.realmId, realmId), inArray(qboConnections.status, [...LIVE_STATUSES])));
  if (holder) return;
  try {
    await deps.revoke(tokens.refreshToken);
  } catch (error) {
    console.error("quickbooks: revoking a refused grant failed:", error instanceof Error ? error.name : "unknown error");
  }
}

async function storeNewConnection(
  tx: DbOrTx,
  actor: Actor,
  businessId: string,
  realmId: string,
  profile: CompanyProfile,
  tokens: TokenSet,
  clock: Clock,
): Promise<void> {
  const business = await findBusiness(tx, businessId);
  const connection = await lockConnection(tx, businessId);
  if (!business || !connection) refuse("not_connected", "Start connecting from the QuickBooks page.", businessId);
  if (isLive(connection)) refuse("already_connected", "This business is already connected to QuickBooks.", businessId);
  const [taken] = await tx
    .select({ id: qboConnections.id })
    .from(qboConnections)
    .where(and(eq(qboConnections.realmId, realmId), ne(qboConnections.businessId, businessId), inArray(qboConnections.status, [...LIVE_STATUSES])));
  if (taken) refuse("company_taken", "This QuickBooks company is already connected to another merchant account.", businessId);
  // Only Canadian and US companies: the posting model knows their two tax models and currencies.
  if (profile.country === null) refuse("country_unsupported", "This QuickBooks company is in a country this integration does not serve.", businessId);
  if (profile.homeCurrency !== business.currency) {
    refuse("currency_mismatch", "The QuickBooks company's home currency differs from this business's currency.", businessId, {
      companyCurrency: profile.homeCurrencyCode || "?",
      businessCurrency: business.currency,
    });
  }
  const now = clock();
  const today = businessToday(clock, business.timezone);
  // A reconnection starts a new history: pauses of the earlier connection are closed.
  await tx.update(qboPauses).set({ resumedOn: today }).where(and(eq(qboPauses.connectionId, connection.id), isNull(qboPauses.resumedOn)));
  const after = await updateConnection(tx, businessId, connection.id, {
    status: "active",
    realmId,
    companyName: profile.name,
    companyCountry: profile.country,
    homeCurrency: profile.homeCurrency,
    usesUsSalesTax: profile.usesUsSalesTax,
    automatedSalesTax: profile.automatedSalesTax,
    connectedAt: now,
    connectedByUserId: actor.userId,
    connectedOn: today,
    lastAuthorizedAt: now,
    setupCompletedAt: null,
    pausedAt: null,
    lastSuccessfulSyncAt: null,
    disconnectedAt: null,
  });
  await saveTokens(tx, connection.id, tokens);
  await recordAudit(tx, { businessId, actorUserId: actor.userId, action: "quickbooks.connected", before: auditView(connection), after: auditView(after) });
}

async function storeReauthorization(
  tx: DbOrTx,
  actor: Actor,
  businessId: string,
  realmId: string,
  profile: CompanyProfile,
  tokens: TokenSet,
  clock: Clock,
): Promise<void> {
  const connection = await lockConnection(tx, businessId);
  if (!connection || !isLive(connection)) refuse("not_connected", "This business is not connected to QuickBooks any more; connect it again.", businessId);
  if (connection.realmId !== realmId) {
    // The page names the company from the connection record, never from the redirect URL.
    refuse("other_company", "Reauthorize with the same QuickBooks company this business is connected to.", businessId);
  }
  const after = await updateConnection(tx, businessId, connection.id, {
    status: connection.status === "needs_reauthorization" ? "active" : connection.status,
    companyName: profile.name,
    automatedSalesTax: profile.automatedSalesTax,
    lastAuthorizedAt: clock(),
  });
  await saveTokens(tx, connection.id, tokens);
  await recordAudit(tx, { businessId, actorUserId: actor.userId, action: "quickbooks.reauthorized", before: auditView(connection), after: auditView(after) });
}
