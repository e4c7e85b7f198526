import { createHash } from "node:crypto";
import { inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { syncItems } from "@/db/schema";
import { fromQboAmount } from "@/lib/accounting/money";
import type { BatchItemRequest, QboApi, QboEntity } from "@/lib/quickbooks/api-client";
import { intuitTidOf, type QboFaultItem } from "@/lib/quickbooks/errors";
import { queryLiteral } from "@/lib/quickbooks/query-literal";
import { journalNetToAccount } from "./journal-net";
import type { BuildFailure } from "./documents";
import { withRetries, type RetryPolicy } from "@/lib/quickbooks/retry";

/** A document ready to create in QuickBooks for one sync item. */
export interface PlannedDocument {
  itemId: string;
  entity: "SalesReceipt" | "RefundReceipt" | "Deposit" | "Purchase" | "JournalEntry";
  docNumber: string;
  body: Record<string, unknown>;
  /** Definite failures of this item so far (part of the request id). */
  attempts: number;
  /** A previous attempt's outcome is unknown: look it up before creating again. */
  inFlight: boolean;
  mappingVersion: number;
  /** Deposits: the bank account, so a negative settlement's JournalEntry ties out by its effect on it. */
  bankAccountId?: string;
}

export interface PostingOutcome {
  created: Record<string, number>;
  adopted: number;
  failed: number;
}

export interface PosterDeps extends RetryPolicy {
  db: Db;
  api: QboApi;
  /** Renews the run's lease while it works. */
  heartbeat: () => Promise<void>;
}

const BATCH_SIZE = 30;
const BATCHES_IN_FLIGHT = 3;
const LOOKUP_CHUNK = 30;

/** Stable per item and attempt: a retry of the same attempt is the same request to QuickBooks. */
function batchRequestId(docs: PlannedDocument[]): string {
  const hash = createHash("sha256");
  for (const d of docs) hash.update(`${d.itemId}:${d.attempts};`);
  return `sb-${hash.digest("hex").slice(0, 32)}`;
}

/**
 * Creates the documents in batches of 30, exactly once each:
 * - items whose earlier attempt has an unknown outcome are first looked up by DocNumber and adopted;
 * - every batch carries a request id derived from its items, so QuickBooks replays rather than
 *   re-creates when the same batch is sent again;
 * - the items of a batch are marked in flight (one UPDATE) before the call, and the results are
 *   written back with one UPDATE per outcome after it;
 * - 429: wait and send the same batch again; 5xx / no answer: look up what was created, then send
 *   the rest; a validation fault fails that item only; 401: refresh once, then stop the run.
 */
export async function postDocuments(deps: PosterDeps, built: { documents: PlannedDocument[]; failures: BuildFailure[] }): Promise<PostingOutcome> {
  const outcome: PostingOutcome = { created: {}, adopted: 0, failed: built.failures.length };
  await recordFailedItems(
    deps.db,
    built.failures.map((f) => ({ itemId: f.itemId, docNumber: f.docNumber, fault: { code: "build", message: f.message } })),
  );
  const docs = built.documents;
  const unknown = docs.filter((d) => d.inFlight);
  const adopted = await adoptExisting(deps, unknown);
  outcome.adopted += adopted.size;
  const queue = docs.filter((d) => !adopted.has(d.itemId));
  const batches: PlannedDocument[][] = [];
  for (let i = 0; i < queue.length; i += BATCH_SIZE) batches.push(queue.slice(i, i + BATCH_SIZE));
  // A few batches in flight at once: QuickBooks takes a while to answer a batch, and one at a time
  // would leave most of the company's 40 batches a minute unused. The pacer keeps them in the limits.
  // After a failure no new batch starts, and the ones under way finish before the error goes up.
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < batches.length) {
      const batch = batches[next++];
      try {
        await sendBatch(deps, batch, outcome);
        await deps.heartbeat();
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(BATCHES_IN_FLIGHT, batches.length) }, worker));
  if (failure) throw failure.error;
  return outcome;
}

async function sendBatch(deps: PosterDeps, batch: PlannedDocument[], outcome: PostingOutcome): Promise<void> {
  const { db, api } = deps;
  await db.update(syncItems).set({ inFlightSince: sql`now()` }).where(inArray(syncItems.id, batch.map((d) => d.itemId)));
  let pending = batch;
  const send = async () => {
    if (pending.length === 0) return [];
    const requests: BatchItemRequest[] = pending.map((d) => ({ bId: d.itemId, operation: "create", entity: d.entity, body: d.body }));
    return api.batch(requests, batchRequestId(pending)); // same items → same request id → replayed, not re-created
  };
  // After 5xx or no answer the batch may have been written: adopt what exists, send only the rest.
  // If it keeps failing, the error ends the run with the items still in flight, and the next run
  // looks them up before creating anything.
  let results;
  try {
    results = await withRetries(deps, send, {
      async beforeRetryAfterUnknownOutcome() {
        const adopted = await adoptExisting(deps, pending);
        outcome.adopted += adopted.size;
        pending = pending.filter((d) => !adopted.has(d.itemId));
      },
    });
  } catch (error) {
    // The items stay in flight (outcome unknown): keep the last call's intuit_tid on them for support.
    const tid = intuitTidOf(error);
    if (tid && pending.length > 0) await db.update(syncItems).set({ intuitTid: tid }).where(inArray(syncItems.id, pending.map((d) => d.itemId)));
    throw error;
  }

  const byId = new Map(pending.map((d) => [d.itemId, d]));
  const posted: { doc: PlannedDocument; entity: QboEntity }[] = [];
  const failed: { doc: PlannedDocument; faults: QboFaultItem[]; intuitTid?: string }[] = [];
  const duplicates: { doc: PlannedDocument; intuitTid?: string }[] = [];
  for (const result of results) {
    const doc = byId.get(result.bId);
    if (!doc) continue;
    if (result.ok) posted.push({ doc, entity: result.entity });
    else if (result.fault.faults.some((f) => f.code === "6140")) duplicates.push({ doc, intuitTid: result.fault.intuitTid }); // its DocNumber exists: a lost earlier create
    else failed.push({ doc, faults: result.fault.faults, intuitTid: result.fault.intuitTid });
  }
  await recordPosted(db, posted);
  for (const p of posted) outcome.created[p.doc.entity] = (outcome.created[p.doc.entity] ?? 0) + 1;
  const adoptedNow = await adoptExisting(
    deps,
    duplicates.map((d) => d.doc),
  );
  outcome.adopted += adoptedNow.size;
  for (const { doc, intuitTid } of duplicates) {
    if (!adoptedNow.has(doc.itemId)) failed.push({ doc, faults: [{ code: "6140", message: "Duplicate Document Number Error" }], intuitTid });
  }
  await recordFailed(db, failed);
  outcome.failed += failed.length;
}

/** Finds documents already in QuickBooks by DocNumber and records them as posted. */
async function adoptExisting(deps: PosterDeps, docs: PlannedDocument[]): Promise<Set<string>> {
  const adopted = new Set<string>();
  const byEntity = new Map<string, PlannedDocument[]>();
  for (const d of docs) byEntity.set(d.entity, [...(byEntity.get(d.entity) ?? []), d]);
  for (const [entity, list] of byEntity) {
    for (let i = 0; i < list.length; i += LOOKUP_CHUNK) {
      const chunk = list.slice(i, i + LOOKUP_CHUNK);
      const statement = `SELECT * FROM ${entity} WHERE DocNumber IN (${chunk.map((d) => queryLiteral(d.docNumber)).join(", ")}) MAXRESULTS 1000`;
      const rows = await withRetries(deps, () => deps.api.query(entity, statement));
      const byDocNumber = new Map(rows.map((r) => [String(r.DocNumber), r]));
      const found = chunk.flatMap((doc) => {
        const entityRow = byDocNumber.get(doc.docNumber);
        return entityRow ? [{ doc, entity: entityRow }] : [];
      });
      await recordPosted(deps.db, found);
      for (const f of found) adopted.add(f.doc.itemId);
    }
  }
  return adopted;
}

/** The amount that ties out against the processor's record: a deposit's effect on the bank, else the document's total. */
function postedTotal(doc: PlannedDocument, entity: QboEntity): number | null {
  if (doc.entity === "JournalEntry" && doc.bankAccountId) return journalNetToAccount(entity, doc.bankAccountId);
  return totalMinorOf(entity);
}

/** The TotalAmt QuickBooks reports for a created document, in cents (null when it reports none). */
function totalMinorOf(entity: QboEntity): number | null {
  const total = entity.TotalAmt;
  if (total === undefined || total === null) return null;
  if (typeof total !== "number" && typeof total !== "string") throw new Error(`QuickBooks reported a TotalAmt that is not an amount: ${JSON.stringify(total)}`);
  return fromQboAmount(total);
}

async function recordPosted(db: Db, posted: { doc: PlannedDocument; entity: QboEntity }[]): Promise<void> {
  if (posted.length === 0) return;
  const values = sql.join(
    posted.map(
      (p) =>
        sql`(${p.doc.itemId}::uuid, ${p.doc.entity}, ${p.entity.Id}, ${p.doc.docNumber}, ${postedTotal(p.doc, p.entity)}::bigint, ${p.doc.mappingVersion}::int)`,
    ),
    sql`, `,
  );
  await db.execute(sql`
    update sync_items s set status = 'posted', qbo_entity = v.entity, qbo_id = v.qbo_id, doc_number = v.doc_number,
      qbo_total_minor = v.total, mapping_version = v.mapping_version, in_flight_since = null, posted_at = now(), updated_at = now(),
      fault_code = null, fault_message = null, fault_detail = null, fault_element = null, intuit_tid = null
    from (values ${values}) as v(id, entity, qbo_id, doc_number, total, mapping_version)
    where s.id = v.id`);
}

async function recordFailed(db: Db, failed: { doc: PlannedDocument; faults: QboFaultItem[]; intuitTid?: string }[]): Promise<void> {
  await recordFailedItems(
    db,
    failed.map((f) => ({ itemId: f.doc.itemId, docNumber: f.doc.docNumber, fault: f.faults[0] ?? { code: "", message: "" }, intuitTid: f.intuitTid })),
  );
}

/** Marks items failed with their (first) fault and the failing call's intuit_tid, one UPDATE for all. */
async function recordFailedItems(db: Db, failed: { itemId: string; docNumber: string; fault: QboFaultItem; intuitTid?: string }[]): Promise<void> {
  if (failed.length === 0) return;
  const values = sql.join(
    failed.map(
      ({ itemId, docNumber, fault, intuitTid }) =>
        sql`(${itemId}::uuid, ${fault.code}, ${fault.message}, ${fault.detail ?? null}, ${fault.element ?? null}, ${docNumber}, ${intuitTid ?? null})`,
    ),
    sql`, `,
  );
  await db.execute(sql`
    update sync_items s set status = 'failed', attempts = s.attempts + 1, in_flight_since = null, updated_at = now(),
      fault_code = v.code, fault_message = v.message, fault_detail = v.detail, fault_element = v.element, doc_number = v.doc_number,
      intuit_tid = v.intuit_tid
    from (values ${values}) as v(id, code, message, detail, element, doc_number, intuit_tid)
    where s.id = v.id`);
}

