import { z } from "zod";

/** "default" = the processor's own account or customer (created or reused on confirm). */
export const DEFAULT_CHOICE = "default";

const entityId = (what: string) => z.string().trim().min(1, `Choose ${what}.`).max(64, `${what}: not a QuickBooks id.`);

/** What the owner picked in the mapping step, as the form and the URL carry it. */
export const mappingChoiceSchema = z.object({
  bank: entityId("a bank account"),
  revenue: entityId("a revenue account"),
  expense: entityId("an expense account"),
  customer: entityId("a customer"),
  taxCode: entityId("a tax code"),
});
export type MappingChoice = z.infer<typeof mappingChoiceSchema>;
export const MAPPING_SLOTS = ["bank", "revenue", "expense", "customer", "taxCode"] as const;
export type MappingSlot = (typeof MAPPING_SLOTS)[number];
