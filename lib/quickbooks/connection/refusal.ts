/**
 * Why the connection service refused something, as a stable code: pages translate it (English and
 * French) and route handlers put it in the redirect URL. Codes never carry another business's data.
 */
const REFUSAL_CODES = [
  "forbidden",
  "state_invalid",
  "state_expired",
  "state_reused",
  "state_foreign",
  "access_denied",
  "authorization_failed",
  "already_connected",
  "not_connected",
  "company_taken",
  "currency_mismatch",
  "country_unsupported",
  "other_company",
  "not_active",
  "not_paused",
  "paused_too_long",
  "needs_reauthorization",
  "quickbooks_unavailable",
  "setup_incomplete",
  "setup_done",
  "invalid_mapping",
  "default_conflict",
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export class ConnectionRefusedError extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
    /** Extra facts for the message (never tokens, never another business). */
    readonly details: Record<string, string> = {},
    /** The failure behind the refusal (kept for logs and support, never shown to the user). */
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isRefusalCode(value: unknown): value is RefusalCode {
  return typeof value === "string" && (REFUSAL_CODES as readonly string[]).includes(value);
}

/** Work that QuickBooks may refuse, for a page: its value, or the refusal's code to explain (any other error is thrown on). */
export async function valueOrRefusal<T>(work: Promise<T>): Promise<{ value: T } | { refusal: RefusalCode }> {
  try {
    return { value: await work };
  } catch (error) {
    if (error instanceof ConnectionRefusedError) return { refusal: error.code };
    throw error;
  }
}
