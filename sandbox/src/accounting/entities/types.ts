import type { CompanyBooks, Entity } from "../books";
import type { Posting } from "../ledger";

export interface BuildContext {
  books: CompanyBooks;
  now: Date;
  /** The stored entity an update replaces (undefined on create). */
  previous?: Entity;
}

export type Fields = Record<string, unknown>;

/**
 * What the generic create/read/update/delete/void code needs to know about one entity type.
 * `build` validates a request (already merged with the stored entity for a sparse update) and
 * returns the fields to store: only elements Intuit's schema defines, computed ones included.
 */
export interface EntityDef {
  name: string;
  kind: "name" | "transaction" | "readonly";
  build?(ctx: BuildContext, input: Fields): Fields;
  /** The double entry a stored document posts (transactions only). */
  postings?(books: CompanyBooks, entity: Entity): Posting[];
  /** Fields computed at read time (Account balances, a receipt's deposit link). */
  present?(books: CompanyBooks, entity: Entity): Entity;
  /** True when a filterable property is computed by `present` (queries then filter presented rows). */
  filtersComputed?: boolean;
  /** The fields a void sets; an entity without it cannot be voided. */
  voided?(books: CompanyBooks, entity: Entity): Fields;
  deletable?: boolean;
  /**
   * Name elements QuickBooks marks " (deleted)" while the entity is inactive (which frees the
   * name for a new entity); the first is the one that must stay unique.
   */
  deletedSuffixFields?: string[];
  /** DocNumber must be unique among documents of this type (6140) unless include=allowduplicatedocnum. */
  uniqueDocNumber?: boolean;
  /** Runs after the entity is stored or removed (`entity` undefined), e.g. the deposit index. */
  afterWrite?(books: CompanyBooks, entity: Entity | undefined, previous: Entity | undefined): void;
  /** Properties a query may filter on (dotted), and those it may sort by. */
  filterable: string[];
  sortable: string[];
}
