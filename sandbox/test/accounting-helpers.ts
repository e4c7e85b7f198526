import { expect } from "vitest";
import { createCompanyBooks, handleAccountingRequest, listEntities, type Country } from "../src/accounting";

/** Response bodies in tests: their shape is what the assertions check. */
export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The clock of the accounting tests that call the module directly. */
export const NOW = new Date("2026-03-10T17:00:00Z");

/**
 * A company's books called directly (no HTTP), with the helpers the accounting tests share: `ok`
 * insists on 200, `fault` on a 400 that changed nothing and returns its first error, `idOf` finds
 * an entity by name.
 */
export function directCompany(options: { realmId: string; country?: Country; region?: string; automatedSalesTax?: boolean }) {
  const country = options.country ?? "CA";
  const books = createCompanyBooks({
    realmId: options.realmId,
    name: "Test Co",
    country,
    region: options.region ?? (country === "CA" ? "ON" : "NY"),
    automatedSalesTax: options.automatedSalesTax ?? false,
    now: NOW,
  });
  const call = (method: "GET" | "POST", path: string, body?: unknown, query: Record<string, string> = {}) =>
    handleAccountingRequest(books, { method, path, query: new URLSearchParams(query), body, now: NOW });
  const ok = (method: "GET" | "POST", path: string, body?: unknown, query?: Record<string, string>): Json => {
    const res = call(method, path, body, query);
    if (res.status !== 200) throw new Error(`expected 200, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as Json;
  };
  const fault = (method: "GET" | "POST", path: string, body?: unknown, query?: Record<string, string>) => {
    const res = call(method, path, body, query);
    expect(res.status).toBe(400);
    expect(res.changes).toEqual([]);
    return (res.body as Json).Fault.Error[0] as { code: string; Message: string; Detail: string; element: string };
  };
  const idOf = (entity: string, name: string) => (listEntities(books, entity) as Json[]).find((e) => (e.Name ?? e.DisplayName) === name)!.Id as string;
  return { books, call, ok, fault, idOf };
}
