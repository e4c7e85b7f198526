/**
 * The one reader of QuickBooks sales tax rates: a TaxCode's sales side lists TaxRate references
 * (TaxCode → SalesTaxRateList → TaxRateDetail → TaxRateRef), each TaxRate has its percent in
 * RateValue. The posting engine (lib/sync/references.ts) reads one code this way; the mapping
 * step reads every code at once with the same schemas.
 */
import { z } from "zod";
import type { QboEntity } from "./api-client";

/** The sales side of a TaxCode: the rates it applies (a code with none taxes nothing). */
export const salesTaxCodeSchema = z.looseObject({
  SalesTaxRateList: z
    .looseObject({ TaxRateDetail: z.array(z.looseObject({ TaxRateRef: z.looseObject({ value: z.string().min(1, "a tax rate reference without an id") }) })).optional() })
    .optional(),
});

/** A TaxRate: its percent must be there; a missing one must never become 0 %. */
export const taxRateSchema = z.looseObject({
  Id: z.string(),
  RateValue: z.union([z.number(), z.string().regex(/^\d+(\.\d+)?$/, "RateValue is not a number")], { error: "the tax rate has no RateValue" }).transform(Number),
});

export function parseTaxEntity<T>(schema: z.ZodType<T>, entity: QboEntity, what: string): T {
  const parsed = schema.safeParse(entity);
  if (!parsed.success) throw new Error(`QuickBooks ${what} ${entity.Id} cannot be used: ${parsed.error.issues.map((i) => i.message).join("; ")}.`);
  return parsed.data;
}

/** A sum of percents kept to 6 decimals (5 + 9.975 is 14.975, not 14.975000000000001). */
export const sumPercents = (percents: number[]) => Math.round(percents.reduce((sum, p) => sum + p, 0) * 1e6) / 1e6;

/**
 * The combined sales percent of each tax code, from every TaxCode and TaxRate of the company
 * (already read): null for a code whose sales side cannot be read or points at a rate that is
 * missing or has no RateValue — an unknown rate is never taken for 0 %.
 */
export function salesPercentByCode(codeRows: QboEntity[], rateRows: QboEntity[]): Map<string, number | null> {
  const rates = new Map<string, number>();
  for (const row of rateRows) {
    const parsed = taxRateSchema.safeParse(row);
    if (parsed.success) rates.set(parsed.data.Id, parsed.data.RateValue);
  }
  const out = new Map<string, number | null>();
  for (const row of codeRows) {
    const code = salesTaxCodeSchema.safeParse(row);
    if (!code.success) continue;
    const percents = (code.data.SalesTaxRateList?.TaxRateDetail ?? []).map((d) => rates.get(d.TaxRateRef.value));
    out.set(row.Id, percents.some((p) => p === undefined) ? null : sumPercents(percents as number[]));
  }
  return out;
}
