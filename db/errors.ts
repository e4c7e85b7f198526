/**
 * What a database error means, whatever wraps it: Drizzle puts the driver's error in `cause`
 * (DrizzleQueryError), transactions may wrap it again, so the PostgreSQL code is looked for along
 * the whole cause chain, never on the outer error alone.
 */

/** PostgreSQL's SQLSTATE for unique_violation; compared here only. */
const UNIQUE_VIOLATION = "23505";

interface DriverError {
  code?: unknown;
  constraint_name?: unknown;
  cause?: unknown;
}

/**
 * Whether the error (or any error in its cause chain) is a unique violation, of `constraint` when
 * given (the index or constraint name, e.g. "qbo_connections_live_realm").
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const seen = new Set<unknown>();
  for (let e = error; e && typeof e === "object" && !seen.has(e); e = (e as DriverError).cause) {
    seen.add(e);
    const { code, constraint_name } = e as DriverError;
    if (code === UNIQUE_VIOLATION && (constraint === undefined || constraint_name === constraint)) return true;
  }
  return false;
}
