import type { Db } from "@/db/client";
import { env } from "@/lib/env";
import { QboApi } from "../api-client";
import { qboEndpoints } from "../endpoints";
import { QboAuthError, QboFaultError, QboThrottleError, QboUnknownOutcomeError } from "../errors";
import { InvalidGrantError } from "../oauth-client";
import { accessTokenFor } from "../token-store";
import type { Connection } from "./connection-record";
import { markNeedsReauthorization } from "./lifecycle";
import { ConnectionRefusedError } from "./refusal";

export type ApiFactory = (connection: Connection, options: { forceRefresh: boolean }) => QboApi;

/** The API client of a stored connection, its access token refreshed under the token-store lock. */
export function connectionApiFactory(db: Db): ApiFactory {
  return (connection, { forceRefresh }) => {
    if (!connection.realmId) throw new ConnectionRefusedError("not_connected", "This business is not connected to QuickBooks.");
    let forced = false;
    return new QboApi({
      baseUrl: qboEndpoints(env()).api,
      realmId: connection.realmId,
      accessToken: () => {
        // Force one refresh at most per client: the retry after a 401 must present a new token.
        const force = forceRefresh && !forced;
        forced = true;
        return accessTokenFor(db, connection.id, { force });
      },
    });
  };
}

/** Pages load a few lists at once: over QuickBooks' 10 requests a second, wait and try again (the work reads, or creates by name idempotently). */
export const THROTTLE_RETRIES = 3;
async function throttled<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof QboThrottleError) || attempt > THROTTLE_RETRIES) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1_000 * attempt));
    }
  }
}

/**
 * Runs QuickBooks calls for a connection. A 401 gets one retry with a refreshed token; when Intuit
 * refuses the refresh (revoked, expired), the connection becomes "needs reauthorization" and the
 * caller gets a refusal saying so. Other QuickBooks failures become "QuickBooks unavailable".
 */
export async function withConnectionApi<T>(db: Db, connection: Connection, work: (api: QboApi) => Promise<T>, factory = connectionApiFactory(db)): Promise<T> {
  try {
    try {
      return await throttled(() => work(factory(connection, { forceRefresh: false })));
    } catch (error) {
      if (!(error instanceof QboAuthError)) throw error;
      return await throttled(() => work(factory(connection, { forceRefresh: true })));
    }
  } catch (error) {
    if (error instanceof InvalidGrantError || error instanceof QboAuthError) {
      await markNeedsReauthorization(db, connection.businessId);
      throw new ConnectionRefusedError("needs_reauthorization", "QuickBooks no longer accepts this connection: reauthorize it.");
    }
    // Throttled, failing or unreachable: the caller shows "try again" (the fault stays in the message for logs).
    if (error instanceof QboFaultError || error instanceof QboUnknownOutcomeError) {
      throw new ConnectionRefusedError("quickbooks_unavailable", `QuickBooks did not answer as expected: ${error.message}`);
    }
    throw error;
  }
}
