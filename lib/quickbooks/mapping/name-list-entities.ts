import { z } from "zod";

/** The few fields of QuickBooks name-list entities the mapping step reads. */
export const accountSchema = z.looseObject({
  Id: z.string(),
  Name: z.string(),
  FullyQualifiedName: z.string().optional(),
  AccountType: z.string().optional(),
  AccountSubType: z.string().optional(),
  Active: z.boolean().optional(),
});
export const customerSchema = z.looseObject({ Id: z.string(), DisplayName: z.string(), Active: z.boolean().optional() });
export const taxCodeSchema = z.looseObject({
  Id: z.string(),
  Name: z.string(),
  Description: z.string().optional(),
  Active: z.boolean().optional(),
  Taxable: z.boolean().optional(),
  TaxGroup: z.boolean().optional(),
  SalesTaxRateList: z.looseObject({ TaxRateDetail: z.array(z.unknown()).optional() }).optional(),
});
export type QboAccount = z.infer<typeof accountSchema>;
export type QboTaxCode = z.infer<typeof taxCodeSchema>;

/** Rows that do not parse are left out rather than failing the whole page. */
export function parseRows<T>(schema: z.ZodType<T>, rows: unknown[]): T[] {
  return rows.flatMap((row) => {
    const parsed = schema.safeParse(row);
    return parsed.success ? [parsed.data] : [];
  });
}

export const ACCOUNT_TYPES = { bank: "Bank", revenue: "Income", expense: "Expense" } as const;
