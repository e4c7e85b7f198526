import type { CompanyBooks } from "./books";

/** One side of a posting: account and signed cents (debit positive). */
export interface Posting {
  account: string;
  cents: number;
}

/**
 * Records what a document posts (call unpostDocument first when it replaces an earlier version).
 * The postings must balance: a document that does not is a bug in the sandbox, not a caller
 * error, so it throws a plain Error.
 */
export function postDocument(books: CompanyBooks, doc: string, docId: string, date: string, postings: Posting[]): void {
  const total = postings.reduce((sum, p) => sum + p.cents, 0);
  if (total !== 0) throw new Error(`${doc} ${docId} does not balance: debits - credits = ${total} cents`);
  for (const p of postings) {
    if (p.cents === 0) continue;
    books.journal.push({ doc, docId, date, account: p.account, cents: p.cents });
    books.balances[p.account] = (books.balances[p.account] ?? 0) + p.cents;
  }
}

export function unpostDocument(books: CompanyBooks, doc: string, docId: string): void {
  if (!books.journal.some((l) => l.doc === doc && l.docId === docId)) return;
  const kept = [];
  for (const line of books.journal) {
    if (line.doc === doc && line.docId === docId) books.balances[line.account] = (books.balances[line.account] ?? 0) - line.cents;
    else kept.push(line);
  }
  books.journal = kept;
}

/** Debit-positive balance in cents. */
export function debitBalance(books: CompanyBooks, accountId: string): number {
  return books.balances[accountId] ?? 0;
}

/** Debit-positive balances per account over journal lines dated within [from, to] (either bound optional). */
export function balancesBetween(books: CompanyBooks, from: string | null, to: string | null): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of books.journal) {
    if (from !== null && line.date < from) continue;
    if (to !== null && line.date > to) continue;
    out[line.account] = (out[line.account] ?? 0) + line.cents;
  }
  return out;
}
