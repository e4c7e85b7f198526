export const LOCALES = ["en", "fr-CA"] as const;
export type Locale = (typeof LOCALES)[number];
const DEFAULT_LOCALE: Locale = "en";
/** Remembers the language for signed-out pages; signed-in users keep theirs in the database. */
export const LOCALE_COOKIE = "NEXT_LOCALE";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** Picks fr-CA for any French preference in an Accept-Language header, English otherwise. */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  const first = header?.split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("fr") ? "fr-CA" : DEFAULT_LOCALE;
}

/** A well-formed BCP 47 language tag: a 2–3 letter language, then subtags ("en-CA", "fr-Latn-CA"). */
const LANGUAGE_TAG = /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i;

/**
 * The portal language for a BCP 47 tag: any English tag (en, en-CA, en-US…) is English, any French
 * one (fr, fr-CA, fr-FR…) Canadian French; undefined for another language or a malformed tag.
 */
export function localeOfLanguageTag(tag: string): Locale | undefined {
  if (!LANGUAGE_TAG.test(tag)) return undefined;
  const language = tag.split("-")[0].toLowerCase();
  if (language === "en") return "en";
  if (language === "fr") return "fr-CA";
  return undefined;
}
