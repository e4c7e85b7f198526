import type { QboApi } from "../api-client";
import { QboFaultError } from "../errors";
import { ConnectionRefusedError } from "../connection/refusal";
import { accountSchema, ACCOUNT_TYPES, customerSchema, parseRows } from "./name-list-entities";
import { queryLiteral } from "../query-literal";

type Api = Pick<QboApi, "query" | "create">;
export interface EnsuredEntity {
  id: string;
  name: string;
  created: boolean;
}

/** QuickBooks' "Duplicate Name Exists" fault: the name is taken (maybe by an inactive or other kind of entity). */
const DUPLICATE_NAME = "6240";

/** What already holds a default's name when it is not an account (those report their AccountType). */
export const OTHER_NAME_HOLDERS = ["another type", "an inactive account", "a vendor, an employee or an inactive customer"] as const;

function conflict(slot: "revenue" | "expense" | "customer", name: string, existingType: string): ConnectionRefusedError {
  return new ConnectionRefusedError("default_conflict", `QuickBooks already has "${name}" as ${existingType}; rename it there or choose an existing one.`, {
    slot,
    name,
    existingType,
  });
}

async function findAccount(api: Api, name: string) {
  return parseRows(accountSchema, await api.query("Account", `SELECT * FROM Account WHERE Name = ${queryLiteral(name)}`));
}

/**
 * The processor's revenue (Income) or expense (Expense, bank charges) account: reused when one of
 * that name and type exists, created otherwise, so going through the step again never makes a
 * second one. A same-named account of another type is reported, never renamed or reused.
 */
export async function ensureDefaultAccount(api: Api, slot: "revenue" | "expense", name: string): Promise<EnsuredEntity> {
  const type = ACCOUNT_TYPES[slot];
  const pick = async () => {
    const found = await findAccount(api, name);
    const right = found.find((a) => a.AccountType === type);
    if (right) return { id: right.Id, name: right.Name, created: false };
    if (found[0]) throw conflict(slot, name, found[0].AccountType ?? OTHER_NAME_HOLDERS[0]);
    return null;
  };
  const existing = await pick();
  if (existing) return existing;
  const body = slot === "revenue" ? { Name: name, AccountType: type, AccountSubType: "SalesOfProductIncome" } : { Name: name, AccountType: type, AccountSubType: "BankCharges" };
  try {
    const created = await api.create("Account", body);
    return { id: created.Id, name, created: true };
  } catch (error) {
    if (!(error instanceof QboFaultError) || error.code !== DUPLICATE_NAME) throw error;
    // Created meanwhile (a double submit), or taken by an inactive account.
    const again = await pick();
    if (again) return again;
    throw conflict(slot, name, OTHER_NAME_HOLDERS[1]);
  }
}

/** The processor's default customer, reused by display name or created. */
export async function ensureDefaultCustomer(api: Api, name: string): Promise<EnsuredEntity> {
  const pick = async () => {
    const [found] = parseRows(customerSchema, await api.query("Customer", `SELECT * FROM Customer WHERE DisplayName = ${queryLiteral(name)}`));
    return found ? { id: found.Id, name: found.DisplayName, created: false } : null;
  };
  const existing = await pick();
  if (existing) return existing;
  try {
    const created = await api.create("Customer", { DisplayName: name });
    return { id: created.Id, name, created: true };
  } catch (error) {
    if (!(error instanceof QboFaultError) || error.code !== DUPLICATE_NAME) throw error;
    const again = await pick();
    if (again) return again;
    // Display names are unique across customers, vendors and employees.
    throw conflict("customer", name, OTHER_NAME_HOLDERS[2]);
  }
}
