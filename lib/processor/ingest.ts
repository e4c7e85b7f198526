import type { DbOrTx } from "@/db/client";
import { isUniqueViolation } from "@/db/errors";
import { IngestError } from "./errors";
import { parseEventsYielding } from "./events";
import { planBatch } from "./ingest-plan";
import { loadState } from "./ingest-state";
import { writePlan } from "./ingest-write";

export interface IngestResult {
  /** Events that created or changed something. */
  accepted: number;
  /** Events already received with the same content (and business events that changed nothing). */
  duplicates: number;
}

/**
 * Applies a batch of processor events (validated here, whatever their source) in ONE database
 * transaction: every event is checked against what is stored and against the events before it, and
 * a bad event anywhere throws an IngestError (400 or 409) with nothing written.
 *
 * Idempotent by (business, id): the same event again counts as a duplicate; the same id with other
 * content is a 409. Existing rows are loaded with a few queries and new rows inserted in bulk.
 */
export async function ingestEvents(db: DbOrTx, input: readonly unknown[]): Promise<IngestResult> {
  const events = await parseEventsYielding(input);
  if (events.length === 0) return { accepted: 0, duplicates: 0 };
  try {
    return await db.transaction(async (tx) => {
      const state = await loadState(tx, events);
      const plan = await planBatch(state, events);
      await writePlan(tx, plan);
      return { accepted: plan.accepted, duplicates: plan.duplicates };
    });
  } catch (error) {
    // Two batches inserting the same new id at once: the loser is told to retry, when it will
    // see the winner's rows and count them as duplicates (or get a precise 409).
    if (isUniqueViolation(error)) {
      throw new IngestError(409, "Another batch stored some of these records at the same time; send this batch again");
    }
    throw error;
  }
}
