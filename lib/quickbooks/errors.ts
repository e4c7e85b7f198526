/** One error of QuickBooks' Fault envelope: {Fault:{Error:[{Message,Detail,code,element}],type}}. */
export interface QboFaultItem {
  code: string;
  message: string;
  detail?: string;
  element?: string;
}

/** QuickBooks answered with a Fault (validation, business rule, authorization…). */
export class QboFaultError extends Error {
  /** Intuit's id of the failing call (its `intuit_tid` response header), for Intuit's support. */
  intuitTid?: string;

  constructor(
    readonly status: number,
    readonly faults: QboFaultItem[],
    readonly faultType: string,
  ) {
    super(`QuickBooks ${status} ${faultType}: ${faults.map((f) => `${f.code} ${f.message}${f.detail ? ` (${f.detail})` : ""}`).join("; ")}`);
  }
  get code(): string {
    return this.faults[0]?.code ?? "";
  }
}

/** 401 / code 3200: the access token is missing, expired or revoked. */
export class QboAuthError extends QboFaultError {}
/** 429 / code 3001: over the company's request limits; back off and continue. */
export class QboThrottleError extends QboFaultError {}
/** 5xx: QuickBooks failed; whether a write happened is unknown. */
export class QboServerError extends QboFaultError {}

/** No answer (timeout, dropped connection): whether a write happened is unknown. */
export class QboUnknownOutcomeError extends Error {
  /** Set when an answer began (headers came) but could not be read whole. */
  intuitTid?: string;
}

/** The `intuit_tid` an error of a QuickBooks call carries, if any. */
export function intuitTidOf(error: unknown): string | undefined {
  return error instanceof QboFaultError || error instanceof QboUnknownOutcomeError ? error.intuitTid : undefined;
}

/** Errors after which a create may or may not have happened at QuickBooks. */
export function isUnknownOutcome(error: unknown): boolean {
  return error instanceof QboUnknownOutcomeError || error instanceof QboServerError;
}
