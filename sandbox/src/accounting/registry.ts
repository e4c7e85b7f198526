import { accountDef } from "./entities/account";
import { companyInfoDef, preferencesDef, taxAgencyDef, taxCodeDef, taxRateDef } from "./entities/company";
import { customerDef } from "./entities/customer";
import { depositDef } from "./entities/deposit";
import { itemDef } from "./entities/item";
import { journalEntryDef } from "./entities/journal-entry";
import { paymentMethodDef } from "./entities/payment-method";
import { purchaseDef } from "./entities/purchase";
import { refundReceiptDef, salesReceiptDef } from "./entities/sales-doc";
import type { EntityDef } from "./entities/types";

/** Every entity the sandbox serves, by its QuickBooks name. */
const DEFS: EntityDef[] = [
  accountDef, customerDef, itemDef, paymentMethodDef, salesReceiptDef, refundReceiptDef, depositDef, purchaseDef, journalEntryDef,
  taxCodeDef, taxRateDef, taxAgencyDef, companyInfoDef, preferencesDef];

const BY_NAME = new Map<string, EntityDef>();
const BY_LOWER = new Map<string, EntityDef>();

function registerEntity(def: EntityDef): void {
  BY_NAME.set(def.name, def);
  BY_LOWER.set(def.name.toLowerCase(), def);
}

for (const def of DEFS) registerEntity(def);

/** By exact name ("SalesReceipt"). */
export function entityDef(name: string): EntityDef | undefined {
  return BY_NAME.get(name);
}

/** By URL segment or query name, case-insensitively ("salesreceipt"). */
export function entityDefLoose(name: string): EntityDef | undefined {
  return BY_LOWER.get(name.toLowerCase());
}

export function transactionEntityNames(): string[] {
  return [...BY_NAME.values()].filter((d) => d.kind === "transaction").map((d) => d.name);
}

