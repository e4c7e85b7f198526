import type { Locale } from "@/lib/i18n/locales";

/**
 * The processor's own revenue and expense accounts and default customer, named in the owner's
 * language: they keep processor activity apart from the rest of the books.
 */
export interface DefaultNames {
  revenue: string;
  expense: string;
  customer: string;
}

export function defaultNames(processorName: string, locale: Locale): DefaultNames {
  if (locale === "fr-CA") {
    return { revenue: `Revenu ${processorName}`, expense: `Dépenses ${processorName}`, customer: `Client ${processorName}` };
  }
  return { revenue: `${processorName} Revenue`, expense: `${processorName} Expense`, customer: `${processorName} Customer` };
}
