import type { CompanyBooks } from "./books";
export function runQuery(_books: CompanyBooks, _text: string): unknown {
  return {};
}
