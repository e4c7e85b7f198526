import type { CompanyBooks } from "./books";
import type { EntityChange } from "./index";
export function runBatch(_books: CompanyBooks, _body: unknown, _now: Date): { items: unknown[]; changes: EntityChange[] } {
  return { items: [], changes: [] };
}
