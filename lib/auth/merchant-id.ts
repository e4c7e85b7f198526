/**
 * A merchant id as the processor sends it (lib/processor/events: printable ASCII, no spaces, at
 * most 128 characters). A URL or form value outside that shape names no business: answering 404
 * (or 400) at once keeps NUL bytes and malformed percent-encodings away from the database, where
 * they would fail as a server error and log the query with the user's id.
 */
export const MERCHANT_ID_PATTERN = /^[\x21-\x7e]{1,128}$/;

/** The merchant id of a URL path segment, or null when it cannot be one. */
export function merchantIdFromPath(segment: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    return null; // a malformed percent-encoding
  }
  return MERCHANT_ID_PATTERN.test(decoded) ? decoded : null;
}
