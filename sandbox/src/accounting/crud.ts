import { type CompanyBooks, type Entity, clone, getEntity, nextId, nextTransactionId, table } from "./books";
import type { EntityChange } from "./index";
import { depositedTxnLocked, duplicateDocNumber, invalidProperty, objectNotFound, periodClosed, QboFault, requiredMissing, staleObject, unsupportedOperation } from "./faults";
import { isObject } from "./fields";
import { postDocument, unpostDocument } from "./ledger";
import { rejectUnknownProperties } from "./request-schema";
import type { EntityDef, Fields } from "./entities/types";
import { transactionEntityNames } from "./registry";
import { qboDateTime } from "./time";

/** Elements the server owns: never taken from a request. */
const SYSTEM_FIELDS = ["Id", "SyncToken", "MetaData", "domain", "sparse", "status"];

function strip(body: Fields): Fields {
  const out: Fields = { ...body };
  for (const key of SYSTEM_FIELDS) delete out[key];
  return out;
}

/** Request options: include=allowduplicatedocnum (URL) or optionsData (batch). */
export interface WriteOptions {
  allowDuplicateDocNumber?: boolean;
}

function checkDocNumber(books: CompanyBooks, def: EntityDef, fields: Fields, selfId: string | undefined, options: WriteOptions): void {
  const docNumber = fields.DocNumber;
  if (!def.uniqueDocNumber || options.allowDuplicateDocNumber || typeof docNumber !== "string" || docNumber === "") return;
  for (const other of Object.values(books.entities[def.name] ?? {})) {
    if (other.Id !== selfId && other.DocNumber === docNumber) throw duplicateDocNumber(docNumber, def.name, other.Id);
  }
}

const DELETED = " (deleted)";

/**
 * QuickBooks renames an inactive customer, item or account "Name (deleted)" and restores the
 * name when it is made active again (unless another entity took the name meanwhile).
 */
function markDeleted(books: CompanyBooks, def: EntityDef, fields: Fields, selfId: string): void {
  const keys = def.deletedSuffixFields;
  if (!keys) return;
  const [key] = keys;
  const name = fields[key];
  if (typeof name !== "string") return;
  if (fields.Active === false && !name.endsWith(DELETED)) {
    for (const k of keys) if (typeof fields[k] === "string") fields[k] = `${fields[k] as string}${DELETED}`;
  } else if (fields.Active !== false && name.endsWith(DELETED)) {
    const restored = name.slice(0, -DELETED.length).toLowerCase();
    const taken = Object.values(books.entities[def.name] ?? {}).some((e) => e.Id !== selfId && String(e[key]).toLowerCase() === restored);
    if (!taken) for (const k of keys) if (typeof fields[k] === "string") fields[k] = (fields[k] as string).replace(/ \(deleted\)$/, "");
  }
}

export interface WriteResult {
  entity: Entity;
  change: EntityChange;
}

/** What a reader sees: the stored entity with computed fields refreshed. */
export function present(books: CompanyBooks, def: EntityDef, entity: Entity): Entity {
  const copy = clone(entity);
  return def.present ? def.present(books, copy) : copy;
}

export function readEntity(books: CompanyBooks, def: EntityDef, id: string): Entity {
  const entity = getEntity(books, def.name, id);
  if (!entity) throw objectNotFound("Id", `Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees. ${def.name} ${id} was not found.`);
  return present(books, def, entity);
}

function requireBody(def: EntityDef, body: unknown): Fields {
  if (!isObject(body)) throw invalidProperty("The request body must be a JSON object describing the entity");
  rejectUnknownProperties(def.name, body);
  return body;
}

function checkOpen(books: CompanyBooks, ...dates: unknown[]): void {
  if (!books.closedBefore) return;
  for (const date of dates) {
    if (typeof date === "string" && date < books.closedBefore) throw periodClosed(date);
  }
}

function checkNotDeposited(books: CompanyBooks, def: EntityDef, id: string): void {
  if (books.deposited[`${def.name}:${id}`]) throw depositedTxnLocked(def.name, id);
}

function journalDate(books: CompanyBooks, entity: Entity): string {
  return String(entity.TxnDate ?? entity.OpeningBalanceDate ?? books.createdOn);
}

function save(books: CompanyBooks, def: EntityDef, entity: Entity, previous: Entity | undefined): void {
  table(books, def.name)[entity.Id] = entity;
  // Only a replaced document has postings to take back (skips a journal scan on every create).
  if (previous) unpostDocument(books, def.name, entity.Id);
  if (def.postings) postDocument(books, def.name, entity.Id, journalDate(books, entity), def.postings(books, entity));
  def.afterWrite?.(books, entity, previous);
}

export function createEntity(books: CompanyBooks, def: EntityDef, body: unknown, now: Date, options: WriteOptions = {}): WriteResult {
  const input = requireBody(def, body);
  if (input.Id !== undefined && input.Id !== null && input.Id !== "") return updateEntity(books, def, input, now, options);
  if (!def.build) throw unsupportedOperation(`Operation Create is not supported for ${def.name}`);
  const fields = def.build({ books, now }, strip(input));
  if (def.kind === "transaction") checkOpen(books, fields.TxnDate);
  checkDocNumber(books, def, fields, undefined, options);
  const time = qboDateTime(now);
  // Transactions draw their Ids from one sequence, as in QuickBooks (a SalesReceipt and a Deposit never share an Id).
  const Id = def.kind === "transaction" ? nextTransactionId(books, transactionEntityNames()) : nextId(books, def.name);
  const entity: Entity = { ...fields, domain: "QBO", sparse: false, Id, SyncToken: "0", MetaData: { CreateTime: time, LastUpdatedTime: time } };
  save(books, def, entity, undefined);
  return { entity: present(books, def, entity), change: { entity: def.name, id: entity.Id, operation: "Create" } };
}

/** Finds the stored entity an Id + SyncToken request targets; 5010 when the token is stale. */
function target(books: CompanyBooks, def: EntityDef, input: Fields): Entity {
  if (input.Id === undefined || input.Id === null || input.Id === "") throw requiredMissing("Id");
  if (input.SyncToken === undefined || input.SyncToken === null || input.SyncToken === "") throw requiredMissing("SyncToken");
  const previous = getEntity(books, def.name, String(input.Id));
  if (!previous) throw objectNotFound("Id", `Object Not Found : Another user has deleted this transaction. ${def.name} ${String(input.Id)} was not found.`);
  if (String(input.SyncToken) !== previous.SyncToken) throw staleObject();
  return previous;
}

export function updateEntity(books: CompanyBooks, def: EntityDef, body: unknown, now: Date, options: WriteOptions = {}): WriteResult {
  const input = requireBody(def, body);
  if (!def.build || def.kind === "readonly") throw unsupportedOperation(`Operation Update is not supported for ${def.name}`);
  const previous = target(books, def, input);
  if (def.kind === "transaction") {
    checkNotDeposited(books, def, previous.Id);
    checkOpen(books, previous.TxnDate);
  }
  // Sparse: only the supplied elements change (a supplied Line array replaces all lines).
  // Full: writable elements left out are cleared.
  const merged = input.sparse === true ? { ...strip(previous), ...strip(input) } : strip(input);
  const fields = def.build({ books, now, previous }, merged);
  if (def.kind === "transaction") checkOpen(books, fields.TxnDate);
  // Keeping its number is always fine (duplicates may exist through allowduplicatedocnum).
  if (fields.DocNumber !== previous.DocNumber) checkDocNumber(books, def, fields, previous.Id, options);
  markDeleted(books, def, fields, previous.Id);
  const entity: Entity = {
    ...fields, domain: "QBO", sparse: false, Id: previous.Id, SyncToken: String(Number(previous.SyncToken) + 1),
    MetaData: { CreateTime: previous.MetaData.CreateTime, LastUpdatedTime: qboDateTime(now) },
  };
  save(books, def, entity, previous);
  return { entity: present(books, def, entity), change: { entity: def.name, id: entity.Id, operation: "Update" } };
}

export function deleteEntity(books: CompanyBooks, def: EntityDef, body: unknown): { body: Fields; change: EntityChange } {
  const input = requireBody(def, body);
  if (!def.deletable) {
    throw unsupportedOperation(def.kind === "name"
      ? `Operation Delete is not supported for ${def.name}: make it inactive (Active false) instead`
      : `Operation Delete is not supported for ${def.name}`);
  }
  const previous = target(books, def, input);
  checkNotDeposited(books, def, previous.Id);
  checkOpen(books, previous.TxnDate);
  delete table(books, def.name)[previous.Id];
  unpostDocument(books, def.name, previous.Id);
  def.afterWrite?.(books, undefined, previous);
  return { body: { domain: "QBO", status: "Deleted", Id: previous.Id }, change: { entity: def.name, id: previous.Id, operation: "Delete" } };
}

export function voidEntity(books: CompanyBooks, def: EntityDef, body: unknown, now: Date): WriteResult {
  const input = requireBody(def, body);
  if (!def.voided) throw unsupportedOperation(`Operation Void is not supported for ${def.name}`);
  const previous = target(books, def, input);
  checkNotDeposited(books, def, previous.Id);
  checkOpen(books, previous.TxnDate);
  const entity: Entity = {
    ...clone(previous), ...def.voided(books, clone(previous)),
    SyncToken: String(Number(previous.SyncToken) + 1),
    MetaData: { CreateTime: previous.MetaData.CreateTime, LastUpdatedTime: qboDateTime(now) },
  };
  // A voided document keeps its number and date but posts nothing.
  table(books, def.name)[entity.Id] = entity;
  unpostDocument(books, def.name, entity.Id);
  (books.voided ??= {})[`${def.name}:${entity.Id}`] = true;
  def.afterWrite?.(books, entity, previous);
  return { entity: present(books, def, entity), change: { entity: def.name, id: entity.Id, operation: "Void" } };
}

/** Admin control: flips Active on a name-list entity without a SyncToken (the SyncToken still moves). */
export function setActive(books: CompanyBooks, def: EntityDef, id: string, active: boolean, now: Date): void {
  const entity = getEntity(books, def.name, id);
  if (!entity) throw new QboFault([{ code: "610", message: "Object Not Found", detail: `${def.name} ${id} does not exist` }]);
  if (entity.Active === active) return;
  entity.Active = active;
  markDeleted(books, def, entity, entity.Id);
  entity.SyncToken = String(Number(entity.SyncToken) + 1);
  entity.MetaData = { ...entity.MetaData, LastUpdatedTime: qboDateTime(now) };
}
