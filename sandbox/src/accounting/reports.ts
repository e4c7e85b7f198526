import type { CompanyBooks } from "./books";
export function runReport(_books: CompanyBooks, _name: string | undefined, _params: URLSearchParams, _now: Date): unknown {
  return {};
}
