import type { Locale } from "./locales";

/**
 * Catalogs are split by feature (lib/i18n/messages/<namespace>/{en,fr}.json) so features can be
 * translated side by side; every namespace must exist in both languages with the same keys
 * (catalog.test.ts checks it).
 */
export const NAMESPACES = ["common", "auth", "portal", "admin", "transactions", "deposits", "quickbooks", "sync", "schedule", "qboDocuments", "dashboard", "support", "activity", "notify", "accountant", "reconcile", "mappingHealth", "sessions"] as const;

export type Messages = Record<string, unknown>;

function catalogFile(locale: Locale): "en" | "fr" {
  return locale === "fr-CA" ? "fr" : "en";
}

export async function loadMessages(locale: Locale): Promise<Messages> {
  const file = catalogFile(locale);
  const entries = await Promise.all(
    NAMESPACES.map(async (ns) => [ns, (await import(`./messages/${ns}/${file}.json`)).default] as const),
  );
  return Object.fromEntries(entries);
}
