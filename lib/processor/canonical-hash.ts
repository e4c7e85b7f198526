import { createHash } from "node:crypto";

/** JSON with object keys sorted at every level, so the same content always hashes the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The idempotency fingerprint of an event: same id and same hash means the same event again. */
export function hashEvent(event: unknown): string {
  return createHash("sha256").update(canonicalJson(event)).digest("hex");
}
