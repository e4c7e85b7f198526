import { z } from "zod";
import type { CompanyBooks } from "./books";
import { faultObject, invalidProperty, QboFault, requiredMissing, unsupportedOperation } from "./faults";
import type { EntityChange } from "./index";
import { runQuery } from "./query";
import { entityDef } from "./registry";
import { write } from "./router";

/** QuickBooks' batch limit: at most 30 operations per request (reference/qbo-api.md §5). */
const MAX_BATCH_ITEMS = 30;

const batchBody = z.object({ BatchItemRequest: z.array(z.record(z.string(), z.unknown())) });

const OPERATIONS = new Set(["create", "update", "delete", "void"]);

/**
 * POST /batch: each item runs on its own, in order, and fails on its own: a failed item answers
 * with a Fault in its place and the HTTP status stays 200. Only a malformed or oversized batch
 * fails as a whole.
 */
export function runBatch(books: CompanyBooks, body: unknown, now: Date): { items: unknown[]; changes: EntityChange[] } {
  const parsed = batchBody.safeParse(body);
  if (!parsed.success) {
    if (typeof body !== "object" || body === null || !("BatchItemRequest" in body)) throw requiredMissing("BatchItemRequest");
    throw invalidProperty(`BatchItemRequest must be an array of objects: ${parsed.error.issues[0]?.message ?? ""}`, "BatchItemRequest");
  }
  const requests = parsed.data.BatchItemRequest;
  if (requests.length > MAX_BATCH_ITEMS) {
    throw new QboFault([{ code: "1040", message: "Batch size exceeds allowed limit", detail: `A batch request can hold at most ${MAX_BATCH_ITEMS} items; this one has ${requests.length}.`, element: "BatchItemRequest" }]);
  }
  const seen = new Set<string>();
  for (const item of requests) {
    const bId = item.bId;
    if (typeof bId !== "string" || bId === "") throw requiredMissing("BatchItemRequest.bId");
    if (seen.has(bId)) throw invalidProperty(`bId ${bId} is used by more than one batch item`, "BatchItemRequest.bId");
    seen.add(bId);
  }
  const items: unknown[] = [];
  const changes: EntityChange[] = [];
  for (const item of requests) {
    const bId = item.bId as string;
    try {
      const result = runItem(books, item, now);
      items.push({ bId, ...result.body });
      if (result.change) changes.push(result.change);
    } catch (error) {
      if (!(error instanceof QboFault)) throw error;
      items.push({ bId, Fault: faultObject(error.errors, error.type) });
    }
  }
  return { items, changes };
}

function runItem(books: CompanyBooks, item: Record<string, unknown>, now: Date): { body: Record<string, unknown>; change?: EntityChange } {
  if (typeof item.Query === "string") return { body: { QueryResponse: runQuery(books, item.Query) } };
  if ("ReportQuery" in item || "CDCQuery" in item) throw unsupportedOperation("The sandbox batch supports entity operations and Query items");
  const payloadKeys = Object.keys(item).filter((k) => k !== "bId" && k !== "operation" && k !== "optionsData");
  if (payloadKeys.length !== 1) throw invalidProperty("A batch item needs exactly one entity payload or a Query", "BatchItemRequest");
  const entity = payloadKeys[0];
  const def = entityDef(entity);
  if (!def) throw unsupportedOperation(`${entity} is not supported in batch`);
  const operation = typeof item.operation === "string" ? item.operation.toLowerCase() : "";
  if (!OPERATIONS.has(operation)) throw requiredMissing("BatchItemRequest.operation");
  const options = typeof item.optionsData === "string" ? item.optionsData : null;
  const result = write(books, def.name, operation, options, item[entity], now);
  return { body: { [def.name]: result.body }, change: result.change };
}
