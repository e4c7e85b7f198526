/**
 * The state of one QuickBooks company: its entity tables, id counters and double-entry journal.
 * Everything is plain JSON (the platform persists it with JSON.stringify), so there are no
 * classes, Maps or Dates in here.
 */

export type Country = "CA" | "US";

/** A stored entity exactly as QuickBooks would return it (computed fields refreshed on output). */
export type Entity = Record<string, unknown> & {
  Id: string;
  SyncToken: string;
  MetaData: { CreateTime: string; LastUpdatedTime: string };
};

/** One side of one posting: positive cents are debits, negative cents credits. */
interface JournalLine {
  /** The posting document: entity name and id ("SalesReceipt", "12"). */
  doc: string;
  docId: string;
  /** The document's TxnDate (YYYY-MM-DD): the posting date for reports. */
  date: string;
  account: string;
  cents: number;
}

export interface CompanyBooks {
  realmId: string;
  name: string;
  country: Country;
  region: string;
  automatedSalesTax: boolean;
  /** YYYY-MM-DD: the books are closed for TxnDate < this. */
  closedBefore: string | null;
  /** ISO date the company was created (CompanyStartDate). */
  createdOn: string;
  /** Entity name → Id → entity. */
  entities: Record<string, Record<string, Entity>>;
  /** Entity name → last numeric Id handed out. */
  counters: Record<string, number>;
  journal: JournalLine[];
  /** Account Id → balance in cents, debit positive (kept in step with the journal). */
  balances: Record<string, number>;
  /** "SalesReceipt:12" → Id of the Deposit that moved it out of Undeposited Funds. */
  deposited: Record<string, string>;
  /** "SalesReceipt:12" → true once voided (a void keeps the document). */
  voided: Record<string, true>;
  /** TaxAgency Id → the liability account its tax is posted to. */
  taxLiabilityAccounts: Record<string, string>;
  /** Accounts the books themselves need, by role. */
  systemAccounts: {
    undepositedFunds: string;
    accountsReceivable: string;
    openingBalanceEquity: string;
    retainedEarnings: string;
    salesTaxPayable: string;
  };
  /** US Automated Sales Tax: the tax code the engine picks for this company. */
  astTaxCodeId: string | null;
}

export function table(books: CompanyBooks, entity: string): Record<string, Entity> {
  return (books.entities[entity] ??= {});
}

export function getEntity(books: CompanyBooks, entity: string, id: string): Entity | undefined {
  const row = books.entities[entity]?.[id];
  return row;
}

export function nextId(books: CompanyBooks, entity: string): string {
  const next = (books.counters[entity] ?? 0) + 1;
  books.counters[entity] = next;
  return String(next);
}

/**
 * Transactions draw Ids from one sequence ("Transaction"). Books saved before that rule kept a
 * counter per type: start the shared one above all of them so no Id is handed out twice.
 */
export function nextTransactionId(books: CompanyBooks, transactionEntities: string[]): string {
  if (books.counters.Transaction === undefined) {
    books.counters.Transaction = Math.max(0, ...transactionEntities.map((e) => books.counters[e] ?? 0));
  }
  return nextId(books, "Transaction");
}

export function allOf(books: CompanyBooks, entity: string): Entity[] {
  return Object.values(books.entities[entity] ?? {});
}

export function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
