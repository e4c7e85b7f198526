import { isUnknownOutcome, QboAuthError, QboThrottleError } from "./errors";

export interface RetryPolicy {
  sleep: (ms: number) => Promise<void>;
  /** Refreshes the access token (the 401 it answers is passed); throws when the grant is gone or nothing can be refreshed. */
  onAuthFailure: (error: QboAuthError) => Promise<void>;
  retry: { serverAttempts: number; baseDelayMs: number; maxThrottleWaits: number };
  /** Counts 429 answers (the run summary reports them). */
  onThrottled?: () => void;
}

/**
 * The one retry loop for QuickBooks calls (sync runs and the portal's pages alike).
 * Runs a QuickBooks call that is safe to repeat (a read, or a write carrying a request id):
 * throttled → wait and again; 5xx or no answer → back off and again; 401 → refresh once and again.
 */
export async function withRetries<T>(
  policy: RetryPolicy,
  call: () => Promise<T>,
  hooks: { beforeRetryAfterUnknownOutcome?: () => Promise<void> } = {},
): Promise<T> {
  let serverFailures = 0;
  let throttleWaits = 0;
  let authRetried = false;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      if (error instanceof QboThrottleError && throttleWaits < policy.retry.maxThrottleWaits) {
        throttleWaits += 1;
        policy.onThrottled?.();
        // The pacer keeps calls inside the limits; a 429 means another client shares them: wait a little.
        await policy.sleep(policy.retry.baseDelayMs * Math.min(2 ** throttleWaits, 8));
      } else if (error instanceof QboAuthError && !authRetried) {
        authRetried = true;
        await policy.onAuthFailure(error);
      } else if (isUnknownOutcome(error) && serverFailures < policy.retry.serverAttempts) {
        serverFailures += 1;
        await policy.sleep(policy.retry.baseDelayMs * 2 ** serverFailures);
        await hooks.beforeRetryAfterUnknownOutcome?.();
      } else {
        throw error;
      }
    }
  }
}
