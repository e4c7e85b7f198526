"use client";

import { useLocale, useTranslations } from "next-intl";
import type { RecentSalesTaxRate } from "@/lib/quickbooks/mapping/recent-sales-tax-rate";
import { rateMatches } from "@/lib/quickbooks/mapping/tax-rate-match";

/** The chosen tax code beside the rate the processor charged on recent sales. */
export interface TaxRateComparison {
  recentSalesTax: RecentSalesTaxRate | null;
  code: { name: string; percent: number | null } | null;
}

/**
 * Says when the chosen tax code's rate differs from the rate recent sales were taxed at (both
 * rates, the owner's language), and that it matches when it does. Nothing when there is nothing to
 * compare: no taxed sales, no code chosen, or a code whose rate QuickBooks did not give.
 * Rendered in the mapping step (updated as the choice changes) and on the review step.
 */
export function TaxRateWarning({ recentSalesTax, code }: TaxRateComparison) {
  const t = useTranslations("quickbooks.mapping");
  const locale = useLocale();
  if (!recentSalesTax || !code || code.percent === null) return null;
  const sales = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(recentSalesTax.percent);
  const rate = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(code.percent);
  const values = { sales, rate, code: code.name, count: recentSalesTax.sales, days: recentSalesTax.days };
  if (rateMatches(code.percent, recentSalesTax.percent)) {
    return (
      <p className="mt-2 text-sm text-slate-600" data-testid="tax-rate-match" data-sales-percent={recentSalesTax.percent}>
        {t("taxRateMatches", values)}
      </p>
    );
  }
  return (
    <p role="status" className="mt-2 max-w-md rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="tax-rate-warning" data-sales-percent={recentSalesTax.percent} data-code-percent={code.percent}>
      {t("taxRateDiffers", values)}
    </p>
  );
}
