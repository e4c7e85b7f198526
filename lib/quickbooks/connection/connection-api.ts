import type { Db } from "@/db/client";
import { env } from "@/lib/env";
import { QboApi } from "../api-client";
import { qboEndpoints } from "../endpoints";
import { QboAuthError, QboFaultError, QboUnknownOutcomeError } from "../errors";
import { InvalidGrantError } from "../oauth-client";
import { withRetries, type RetryPolicy } from "../retry";
import { accessTokenFor } from "../token-store";
import type { Connection } from "./connection-record";
import { markNeedsReauthorization } from "./needs-reauthorization";
import { ConnectionRefusedError } from "./refusal";

/** Builds the API client of a connection; `rejected` is the access token QuickBooks just refused (then refreshed once). */
export type ApiFactory = (connection: Connection, options: { rejected?: string; onToken: (token: string) => void }) => QboApi;

/** The API client of a stored connection, its access token refreshed under the token-store lock. */
function connectionApiFactory(db: Db): ApiFactory {
  return (connection, { rejected, onToken }) => {
    if (!connection.realmId) throw new ConnectionRefusedError("not_connected", "This business is not connected to QuickBooks.");
    return new QboApi({
      baseUrl: qboEndpoints(env()).api,
      realmId: connection.realmId,
      accessToken: async () => {
        const token = await accessTokenFor(db, connection.id, rejected ? { rejected } : {});
        onToken(token);
        return token;
      },
    });
  };
}

/** Pages load a few lists at once: over QuickBooks' 10 requests a second, wait and try again (the work reads, or creates by name idempotently). */
const THROTTLE_RETRIES = 3;

/**
 * Runs QuickBooks calls for a connection. A 401 gets one retry with a refreshed token; when Intuit
 * refuses the refresh (revoked, expired), the connection becomes "needs reauthorization" and the
 * caller gets a refusal saying so. Other QuickBooks failures become "QuickBooks unavailable".
 */
export async function withConnectionApi<T>(db: Db, connection: Connection, work: (api: QboApi) => Promise<T>, factory = connectionApiFactory(db)): Promise<T> {
  let lastToken: string | undefined;
  let rejected: string | undefined;
  const onToken = (token: string) => {
    lastToken = token;
  };
  const policy: RetryPolicy = {
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    // Throttled: wait and again; no answer or 5xx: the page says "try again" at once.
    retry: { serverAttempts: 0, baseDelayMs: 500, maxThrottleWaits: THROTTLE_RETRIES },
    // A 401: the next client asks the token store to replace the token QuickBooks just refused.
    async onAuthFailure(error) {
      if (!lastToken) throw error;
      rejected = lastToken;
    },
  };
  try {
    return await withRetries(policy, () => work(factory(connection, rejected ? { rejected, onToken } : { onToken })));
  } catch (error) {
    if (error instanceof InvalidGrantError || error instanceof QboAuthError) {
      await markNeedsReauthorization(db, { connectionId: connection.id, source: "quickbooks_call", reason: error.message });
      throw new ConnectionRefusedError("needs_reauthorization", "QuickBooks no longer accepts this connection: reauthorize it.");
    }
    // Throttled, failing or unreachable: the caller shows "try again" (the fault stays in the message for logs).
    if (error instanceof QboFaultError || error instanceof QboUnknownOutcomeError) {
      throw new ConnectionRefusedError("quickbooks_unavailable", `QuickBooks did not answer as expected: ${error.message}`);
    }
    throw error;
  }
}
