import type { QboApi } from "../api-client";
import type { DefaultNames } from "./default-names";
import { accountSchema, ACCOUNT_TYPES, customerSchema, parseRows, taxCodeSchema, type QboAccount } from "./name-list-entities";
import { US_NOT_TAXABLE } from "@/lib/accounting/us-tax-codes";
import { preselectTaxCode } from "./tax-code-choice";

export interface MappingOption {
  id: string;
  name: string;
}

/**
 * The processor's own account or customer for one slot: created on confirm when it does not exist,
 * reused when one of that name and the right type exists, reported when the name is taken by one
 * of another type (the owner renames it in QuickBooks or picks an existing one).
 */
export type DefaultChoice =
  | { name: string; state: "new" }
  | { name: string; state: "existing"; id: string }
  | { name: string; state: "conflict"; conflictType: string };

export interface MappingOptions {
  bankAccounts: MappingOption[];
  incomeAccounts: MappingOption[];
  expenseAccounts: MappingOption[];
  customers: MappingOption[];
  taxCodes: MappingOption[];
  preselectedTaxCodeId: string | null;
  defaults: { revenue: DefaultChoice; expense: DefaultChoice; customer: DefaultChoice };
}

export type QboReader = Pick<QboApi, "queryAll">;

const byName = (a: MappingOption, b: MappingOption) => a.name.localeCompare(b.name);
const accountOption = (a: QboAccount): MappingOption => ({ id: a.Id, name: a.FullyQualifiedName ?? a.Name });

function defaultAccount(accounts: QboAccount[], name: string, type: string): DefaultChoice {
  const same = accounts.filter((a) => a.Name.trim().toLowerCase() === name.trim().toLowerCase());
  const right = same.find((a) => a.AccountType === type);
  if (right) return { name, state: "existing", id: right.Id };
  if (same[0]) return { name, state: "conflict", conflictType: same[0].AccountType ?? "?" };
  return { name, state: "new" };
}

/**
 * Everything the mapping step offers, read from the company (three queries): its Bank, Income and
 * Expense accounts, customers, tax codes with the one fitting the business's region preselected,
 * and where the processor's default account and customer stand.
 */
export async function loadMappingOptions(
  api: QboReader,
  context: { country: "CA" | "US"; region: string; names: DefaultNames },
): Promise<MappingOptions> {
  const [accountRows, customerRows, taxCodeRows] = await Promise.all([api.queryAll("Account"), api.queryAll("Customer"), api.queryAll("TaxCode")]);
  const accounts = parseRows(accountSchema, accountRows).filter((a) => a.Active !== false);
  const customers = parseRows(customerSchema, customerRows).filter((c) => c.Active !== false);
  const taxCodes = parseRows(taxCodeSchema, taxCodeRows).filter((c) => c.Active !== false && c.Id !== "TAX");
  const ofType = (type: string) => accounts.filter((a) => a.AccountType === type).map(accountOption).sort(byName);

  const taxOptions = taxCodes.map((c) => ({ id: c.Id, name: c.Name })).sort(byName);
  if (context.country === "US" && !taxOptions.some((o) => o.id === US_NOT_TAXABLE)) taxOptions.push({ id: US_NOT_TAXABLE, name: US_NOT_TAXABLE });
  const preselected = preselectTaxCode(taxCodes, context.country, context.region);
  const customer = customers.find((c) => c.DisplayName.trim().toLowerCase() === context.names.customer.trim().toLowerCase());

  return {
    bankAccounts: ofType(ACCOUNT_TYPES.bank),
    incomeAccounts: ofType(ACCOUNT_TYPES.revenue),
    expenseAccounts: ofType(ACCOUNT_TYPES.expense),
    customers: customers.map((c) => ({ id: c.Id, name: c.DisplayName })).sort(byName),
    taxCodes: taxOptions,
    preselectedTaxCodeId: preselected?.Id ?? (context.country === "US" ? US_NOT_TAXABLE : null),
    defaults: {
      revenue: defaultAccount(accounts, context.names.revenue, ACCOUNT_TYPES.revenue),
      expense: defaultAccount(accounts, context.names.expense, ACCOUNT_TYPES.expense),
      customer: customer ? { name: context.names.customer, state: "existing", id: customer.Id } : { name: context.names.customer, state: "new" },
    },
  };
}
