import type { QboApi } from "../api-client";
import { QboAuthError, QboFaultError, QboServerError, QboThrottleError } from "../errors";
import { accountSchema, ACCOUNT_TYPES, customerSchema, taxCodeSchema } from "./name-list-entities";
import { US_NOT_TAXABLE } from "@/lib/accounting/us-tax-codes";
import type { MappingSlot } from "./mapping-choice";

/** The mapped references a health check looks at (a mapping version has them all). */
export interface MappedReferences {
  bankAccountId: string;
  bankAccountName: string;
  revenueAccountId: string;
  revenueAccountName: string;
  expenseAccountId: string;
  expenseAccountName: string;
  customerId: string;
  customerName: string;
  taxCodeId: string;
  taxCodeName: string;
}

type HealthProblem = "missing" | "inactive" | "wrong_type";

export interface BrokenMapping {
  slot: MappingSlot;
  id: string;
  name: string;
  problem: HealthProblem;
  /** In English for logs and the sync engine; the Manage tab shows a translated text by slot and problem. */
  fix: string;
}

const LABEL: Record<MappingSlot, string> = {
  bank: "bank account",
  revenue: "revenue account",
  expense: "expense account",
  customer: "default customer",
  taxCode: "default tax code",
};

function fixFor(slot: MappingSlot, name: string, problem: HealthProblem): string {
  if (problem === "inactive") return `The ${LABEL[slot]} "${name}" is inactive in QuickBooks. Make it active again in QuickBooks, or choose another one in Edit mapping.`;
  if (problem === "wrong_type") return `"${name}" is no longer a ${ACCOUNT_TYPES[slot as "bank" | "revenue" | "expense"] ?? ""} account in QuickBooks. Choose another ${LABEL[slot]} in Edit mapping.`;
  return `The ${LABEL[slot]} "${name}" no longer exists in QuickBooks. Choose another one in Edit mapping.`;
}

type Api = Pick<QboApi, "read">;

/** Reads one entity; null when QuickBooks says it does not exist. Auth, throttle and server errors propagate. */
async function readOrNull(api: Api, entity: string, id: string): Promise<Record<string, unknown> | null> {
  try {
    return await api.read(entity, id);
  } catch (error) {
    if (error instanceof QboAuthError || error instanceof QboThrottleError || error instanceof QboServerError) throw error;
    if (error instanceof QboFaultError) return null;
    throw error;
  }
}

/**
 * Checks that the mapped bank, revenue and expense accounts, customer and tax code still exist, are
 * active and (accounts) still have the right type. Five reads. Called when the Manage tab opens
 * and by the sync engine before every run; an empty list means healthy.
 */
export async function checkMappingHealth(api: Api, mapping: MappedReferences): Promise<BrokenMapping[]> {
  const checks: { slot: MappingSlot; entity: string; id: string; name: string; type?: string }[] = [
    { slot: "bank", entity: "Account", id: mapping.bankAccountId, name: mapping.bankAccountName, type: ACCOUNT_TYPES.bank },
    { slot: "revenue", entity: "Account", id: mapping.revenueAccountId, name: mapping.revenueAccountName, type: ACCOUNT_TYPES.revenue },
    { slot: "expense", entity: "Account", id: mapping.expenseAccountId, name: mapping.expenseAccountName, type: ACCOUNT_TYPES.expense },
    { slot: "customer", entity: "Customer", id: mapping.customerId, name: mapping.customerName },
    { slot: "taxCode", entity: "TaxCode", id: mapping.taxCodeId, name: mapping.taxCodeName },
  ];
  const results = await Promise.all(
    checks.map(async (check): Promise<BrokenMapping | null> => {
      // US "not taxable" is a pseudo code, not an entity that can go away.
      if (check.slot === "taxCode" && check.id === US_NOT_TAXABLE) return null;
      const row = await readOrNull(api, check.entity, check.id);
      const broken = (problem: HealthProblem): BrokenMapping => ({ slot: check.slot, id: check.id, name: check.name, problem, fix: fixFor(check.slot, check.name, problem) });
      if (!row) return broken("missing");
      const schema = check.entity === "Account" ? accountSchema : check.entity === "Customer" ? customerSchema : taxCodeSchema;
      const parsed = schema.safeParse(row);
      if (!parsed.success) return broken("missing");
      if (parsed.data.Active === false) return broken("inactive");
      if (check.type && (parsed.data as { AccountType?: string }).AccountType !== check.type) return broken("wrong_type");
      return null;
    }),
  );
  return results.filter((r): r is BrokenMapping => r !== null);
}
