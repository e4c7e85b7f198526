import type { QboApi } from "../api-client";
import type { DefaultNames } from "./default-names";
import { accountSchema, ACCOUNT_TYPES, customerSchema, parseRows, taxCodeSchema, type QboAccount } from "./name-list-entities";
import { US_NOT_TAXABLE, US_TAXABLE } from "@/lib/accounting/us-tax-codes";
import { salesPercentByCode } from "../tax-rates";
import type { DbOrTx } from "@/db/client";
import { recentSalesTaxRate, type RecentSalesTaxRate } from "./recent-sales-tax-rate";
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

/** A tax code offered, with the combined percent of its sales rates (null: QuickBooks did not say). */
export interface TaxCodeOption extends MappingOption {
  percent: number | null;
}

export interface MappingOptions {
  bankAccounts: MappingOption[];
  incomeAccounts: MappingOption[];
  expenseAccounts: MappingOption[];
  customers: MappingOption[];
  taxCodes: TaxCodeOption[];
  preselectedTaxCodeId: string | null;
  /** The rate the processor charged on recent sales: the mapping step warns when the chosen code's differs. */
  recentSalesTax: RecentSalesTaxRate | null;
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
 * Everything the mapping step offers, read from the company (four queries): its Bank, Income and
 * Expense accounts, customers, tax codes with their rates and the one matching the rate of the
 * business's recent sales (or else its region) preselected, and where the processor's default
 * account and customer stand.
 */
export async function loadMappingOptions(
  api: QboReader,
  context: { country: "CA" | "US"; region: string; names: DefaultNames; recentSalesTax?: RecentSalesTaxRate | null },
): Promise<MappingOptions> {
  const [accountRows, customerRows, taxCodeRows, taxRateRows] = await Promise.all([
    api.queryAll("Account"),
    api.queryAll("Customer"),
    api.queryAll("TaxCode"),
    api.queryAll("TaxRate"),
  ]);
  const percents = salesPercentByCode(taxCodeRows, taxRateRows);
  const recentSalesTax = context.recentSalesTax ?? null;
  const accounts = parseRows(accountSchema, accountRows).filter((a) => a.Active !== false);
  const customers = parseRows(customerSchema, customerRows).filter((c) => c.Active !== false);
  const taxCodes = parseRows(taxCodeSchema, taxCodeRows)
    .filter((c) => c.Active !== false && c.Id !== US_TAXABLE)
    .map((c) => ({ ...c, percent: percents.get(c.Id) ?? null }));
  const ofType = (type: string) => accounts.filter((a) => a.AccountType === type).map(accountOption).sort(byName);

  const taxOptions: TaxCodeOption[] = taxCodes.map((c) => ({ id: c.Id, name: c.Name, percent: c.percent })).sort(byName);
  if (context.country === "US" && !taxOptions.some((o) => o.id === US_NOT_TAXABLE)) taxOptions.push({ id: US_NOT_TAXABLE, name: US_NOT_TAXABLE, percent: 0 });
  const preselected = preselectTaxCode(taxCodes, context.country, context.region, recentSalesTax?.percent ?? null);
  const customer = customers.find((c) => c.DisplayName.trim().toLowerCase() === context.names.customer.trim().toLowerCase());

  return {
    bankAccounts: ofType(ACCOUNT_TYPES.bank),
    incomeAccounts: ofType(ACCOUNT_TYPES.revenue),
    expenseAccounts: ofType(ACCOUNT_TYPES.expense),
    customers: customers.map((c) => ({ id: c.Id, name: c.DisplayName })).sort(byName),
    taxCodes: taxOptions,
    preselectedTaxCodeId: preselected?.Id ?? (context.country === "US" ? US_NOT_TAXABLE : null),
    recentSalesTax,
    defaults: {
      revenue: defaultAccount(accounts, context.names.revenue, ACCOUNT_TYPES.revenue),
      expense: defaultAccount(accounts, context.names.expense, ACCOUNT_TYPES.expense),
      customer: customer ? { name: context.names.customer, state: "existing", id: customer.Id } : { name: context.names.customer, state: "new" },
    },
  };
}

/**
 * The mapping step's options for a business (what the wizard and Edit mapping show): the rate its
 * recent sales were taxed at, read from the processor records up to `today` (its business day),
 * then the company's choices with the tax code matching that rate preselected.
 */
export async function loadBusinessMappingOptions(
  db: DbOrTx,
  api: QboReader,
  context: { business: { id: string; country: "CA" | "US"; region: string }; names: DefaultNames; today: string },
): Promise<MappingOptions> {
  const recentSalesTax = await recentSalesTaxRate(db, context.business.id, context.today);
  return loadMappingOptions(api, { country: context.business.country, region: context.business.region, names: context.names, recentSalesTax });
}
