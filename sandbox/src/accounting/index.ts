/**
 * The accounting half of the sandbox: an in-memory QuickBooks Online company (entities, query,
 * batch, double-entry books, reports) behind the Accounting API v3 request/response shapes.
 * Pure: no I/O. The platform half (HTTP, OAuth, limits, webhooks, persistence) calls this.
 */
import type { CompanyBooks } from "./books";
import { allOf, clone } from "./books";
import { present, setActive } from "./crud";
import { entityDef } from "./registry";
import { route } from "./router";

export type { CompanyBooks, Country } from "./books";
export { createCompanyBooks } from "./seed";
export { faultBody } from "./faults";

export interface AccountingRequest {
  method: "GET" | "POST";
  /** The part after /v3/company/{realmId}: "/salesreceipt", "/salesreceipt/12", "/query", "/batch", ... */
  path: string;
  query: URLSearchParams;
  /** Parsed JSON; for POST /query with Content-Type application/text, the string. */
  body: unknown;
  now: Date;
}

export interface EntityChange {
  entity: string;
  id: string;
  operation: "Create" | "Update" | "Delete" | "Void" | "Merge";
}

export interface AccountingResponse {
  status: number;
  body: unknown;
  changes: EntityChange[];
}

/** Runs one API call against the company's books (mutating them). minorversion is accepted and ignored (all answers are 75). */
export function handleAccountingRequest(books: CompanyBooks, req: AccountingRequest): AccountingResponse {
  return route(books, req);
}

/**
 * Test control: make an account, customer, item or tax code (in)active as a QuickBooks user would
 * in the UI (no SyncToken needed; the SyncToken still moves). LastUpdatedTime uses the wall clock.
 */
export function setEntityActive(books: CompanyBooks, entity: "Account" | "Customer" | "Item" | "TaxCode", id: string, active: boolean): void {
  const def = entityDef(entity);
  if (!def) throw new Error(`unknown entity ${entity}`);
  setActive(books, def, id, active, new Date());
}

/** Everything stored of an entity, inactive rows included, as the API would return it. Throws for an unknown entity. */
export function listEntities(books: CompanyBooks, entity: string): unknown[] {
  const def = entityDef(entity);
  if (!def) throw new Error(`unknown entity ${entity}`);
  return allOf(books, entity)
    .sort((a, b) => Number(a.Id) - Number(b.Id) || a.Id.localeCompare(b.Id))
    .map((e) => present(books, def, clone(e)));
}
