/**
 * Presenting mode (shared screens): what is hidden and how. Display only — nothing else changes.
 * Masked: email addresses, QuickBooks realm ids and other internal ids (uuids, and any exact
 * value the page names as secret), card and bank numbers shown as "•••• 1234".
 */
export const PRESENTING_COOKIE = "sb_presenting";
const MASK = "••••";

const EMAIL = /[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[A-Za-z]{2,}/g;
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
/** "•••• 4242", "**** 4242", "ending in 4242" / "se terminant par 4242". */
const LAST_FOUR = /((?:•{2,}|\*{2,})\s?|ending in |se terminant par )\d{4}\b/g;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Masks every sensitive part of a text; `secrets` are exact values (realm ids, member emails) shown nowhere. */
export function maskText(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(EMAIL, `${MASK}@${MASK}`).replace(UUID, MASK).replace(LAST_FOUR, (_m, prefix: string) => `${prefix}${MASK}`);
  for (const secret of secrets) {
    if (secret.length >= 3) out = out.replace(new RegExp(escape(secret), "gi"), MASK);
  }
  return out;
}
