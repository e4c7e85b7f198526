"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { US_NOT_TAXABLE } from "@/lib/accounting/us-tax-codes";
import type { RecentSalesTaxRate } from "@/lib/quickbooks/mapping/recent-sales-tax-rate";
import type { TaxCodeOption } from "@/lib/quickbooks/mapping/mapping-options";
import { TaxRateWarning } from "./tax-rate-warning";

/** Label of a tax code option: the US "not taxable" pseudo code in the owner's language. */
export function taxCodeLabel(option: Pick<TaxCodeOption, "id" | "name">, notTaxable: string): string {
  return option.id === US_NOT_TAXABLE && option.name === US_NOT_TAXABLE ? notTaxable : option.name;
}

/** The mapping step's tax code choice, with the rate comparison updated as the owner changes it. */
export function TaxCodeSelect({ value, options, recentSalesTax }: { value: string; options: TaxCodeOption[]; recentSalesTax: RecentSalesTaxRate | null }) {
  const t = useTranslations("quickbooks.mapping");
  const [chosen, setChosen] = useState(value);
  const option = options.find((o) => o.id === chosen);
  return (
    <>
      <select
        id="mapping-taxCode"
        name="taxCode"
        value={chosen}
        onChange={(e) => setChosen(e.currentTarget.value)}
        required
        aria-describedby="mapping-taxCode-help"
        className="mt-1 w-full max-w-md rounded border border-slate-300 bg-white px-2 py-1"
      >
        <option value="" disabled>
          {t("choose")}
        </option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {taxCodeLabel(o, t("notTaxable"))}
          </option>
        ))}
      </select>
      <TaxRateWarning recentSalesTax={recentSalesTax} code={option ? { name: taxCodeLabel(option, t("notTaxable")), percent: option.percent } : null} />
    </>
  );
}
