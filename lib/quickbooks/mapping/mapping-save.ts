import { max } from "drizzle-orm";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { qboMappingVersions } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { QboApi } from "../api-client";
import { assertMayManage, type Actor } from "../connection/actor";
import { businessToday, systemClock, type Clock } from "../connection/business-day";
import { findBusiness, findConnection, isLive, lockConnection, updateConnection, type Connection } from "../connection/connection-record";
import { ConnectionRefusedError } from "../connection/refusal";
import { ensureDefaultAccount, ensureDefaultCustomer } from "./default-entities";
import type { DefaultNames } from "./default-names";
import { DEFAULT_CHOICE, type MappingChoice } from "./mapping-choice";
import { loadMappingOptions, type MappingOption, type MappingOptions } from "./mapping-options";
import { mappingFor, type MappingVersion } from "./mapping-versions";

export interface SaveMappingInput {
  actor: Actor;
  businessId: string;
  choice: MappingChoice;
  /** "setup" confirms the wizard (version 1 from the connection day); "edit" adds a version from today. */
  mode: "setup" | "edit";
  names: DefaultNames;
  /** Runs the QuickBooks part with the connection's API (see withConnectionApi). */
  withApi: <T>(connection: Connection, work: (api: QboApi) => Promise<T>) => Promise<T>;
  clock?: Clock;
}

interface Resolved {
  id: string;
  name: string;
}

function pick(options: MappingOption[], id: string, what: string): Resolved {
  const found = options.find((o) => o.id === id);
  if (!found) throw new ConnectionRefusedError("invalid_mapping", `The chosen ${what} is not one of the company's active ${what}s.`, { slot: what });
  return found;
}

/** Checks the choice against what the company offers, then creates or reuses the defaults it asks for. */
async function resolveChoice(api: QboApi, options: MappingOptions, choice: MappingChoice, names: DefaultNames) {
  const bank = pick(options.bankAccounts, choice.bank, "bank account");
  const taxCode = pick(options.taxCodes, choice.taxCode, "tax code");
  // Validate every existing pick before creating anything in QuickBooks.
  const revenuePick = choice.revenue === DEFAULT_CHOICE ? null : pick(options.incomeAccounts, choice.revenue, "income account");
  const expensePick = choice.expense === DEFAULT_CHOICE ? null : pick(options.expenseAccounts, choice.expense, "expense account");
  const customerPick = choice.customer === DEFAULT_CHOICE ? null : pick(options.customers, choice.customer, "customer");
  const revenue = revenuePick ?? (await ensureDefaultAccount(api, "revenue", names.revenue));
  const expense = expensePick ?? (await ensureDefaultAccount(api, "expense", names.expense));
  const customer = customerPick ?? (await ensureDefaultCustomer(api, names.customer));
  return { bank, revenue, expense, customer, taxCode };
}

function mappingView(v: MappingVersion | null) {
  if (!v) return null;
  return {
    version: v.version,
    effectiveFrom: v.effectiveFrom,
    bank: { id: v.bankAccountId, name: v.bankAccountName },
    revenue: { id: v.revenueAccountId, name: v.revenueAccountName },
    expense: { id: v.expenseAccountId, name: v.expenseAccountName },
    customer: { id: v.customerId, name: v.customerName },
    taxCode: { id: v.taxCodeId, name: v.taxCodeName },
  };
}

/**
 * Saves the owner's mapping as a new version. Setup: version 1 (or the next one after an earlier
 * connection), effective from the connection day, and the connection starts syncing. Edit: a new
 * version effective today; earlier versions stay for what was already posted and for the history.
 */
export async function saveMapping(db: Db, input: SaveMappingInput): Promise<MappingVersion> {
  assertMayManage(input.actor);
  const clock = input.clock ?? systemClock;
  const business = await findBusiness(db, input.businessId);
  const connection = await findConnection(db, input.businessId);
  if (!business || !connection || !isLive(connection)) throw new ConnectionRefusedError("not_connected", "This business is not connected to QuickBooks.");
  if (input.mode === "setup" && connection.setupCompletedAt) throw new ConnectionRefusedError("setup_done", "The mapping was already confirmed.");
  if (input.mode === "edit" && !connection.setupCompletedAt) throw new ConnectionRefusedError("setup_incomplete", "Finish setting up the connection first.");

  const resolved = await input.withApi(connection, async (api) => {
    const options = await loadMappingOptions(api, { country: business.country, region: business.region, names: input.names });
    return resolveChoice(api, options, input.choice, input.names);
  });

  return db.transaction(async (tx) => {
    const locked = await lockConnection(tx, input.businessId);
    if (!locked || !isLive(locked) || locked.realmId !== connection.realmId) throw new ConnectionRefusedError("not_connected", "The connection changed meanwhile; open the QuickBooks page again.");
    if (input.mode === "setup" && locked.setupCompletedAt) throw new ConnectionRefusedError("setup_done", "The mapping was already confirmed.");
    const previous = await mappingFor(tx, locked.id);
    const [{ top }] = await tx.select({ top: max(qboMappingVersions.version) }).from(qboMappingVersions).where(eq(qboMappingVersions.connectionId, locked.id));
    const today = businessToday(clock, business.timezone);
    const [version] = await tx
      .insert(qboMappingVersions)
      .values({
        connectionId: locked.id,
        version: (top ?? 0) + 1,
        effectiveFrom: input.mode === "setup" ? (locked.connectedOn ?? today) : today,
        bankAccountId: resolved.bank.id,
        bankAccountName: resolved.bank.name,
        revenueAccountId: resolved.revenue.id,
        revenueAccountName: resolved.revenue.name,
        expenseAccountId: resolved.expense.id,
        expenseAccountName: resolved.expense.name,
        customerId: resolved.customer.id,
        customerName: resolved.customer.name,
        taxCodeId: resolved.taxCode.id,
        taxCodeName: resolved.taxCode.name,
        createdByUserId: input.actor.userId,
      })
      .returning();
    if (input.mode === "setup") await updateConnection(tx, input.businessId, locked.id, { setupCompletedAt: clock() });
    await recordAudit(tx, {
      businessId: input.businessId,
      actorUserId: input.actor.userId,
      action: input.mode === "setup" ? "quickbooks.mapping_confirmed" : "quickbooks.mapping_changed",
      before: mappingView(previous),
      after: mappingView(version),
    });
    return version;
  });
}
