import { getDb } from "@/lib/database";
import { env } from "@/lib/env";
import { IngestError } from "@/lib/processor/errors";
import { eventsOfBody } from "@/lib/processor/events";
import { ingestEvents } from "@/lib/processor/ingest";
import { BodyTooLargeError, MAX_INGEST_BODY_BYTES, readLimitedBody } from "@/lib/http/limited-body";
import { SIGNATURE_HEADER, verifySignature } from "@/lib/processor/signature";

/**
 * POST /api/processor/events — the processor's signed feed. Only adapts HTTP: size cap, signature,
 * JSON, then lib/processor does the rest. Bodies carry card data (brand, last 4): never logged.
 */
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const json = (status: number, body: unknown) => Response.json(body, { status });

export async function POST(request: Request): Promise<Response> {
  let raw: Uint8Array;
  try {
    raw = await readLimitedBody(request, MAX_INGEST_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return json(413, { error: `The body exceeds the ${error.limit}-byte limit; send smaller batches` });
    return json(400, { error: "The body could not be read" });
  }

  if (!verifySignature(raw, request.headers.get(SIGNATURE_HEADER), env().PROCESSOR_INGEST_SECRET)) {
    return json(401, { error: `Missing or invalid ${SIGNATURE_HEADER} header` });
  }

  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(raw));
  } catch {
    return json(400, { error: "The body is not valid UTF-8 JSON" });
  }

  try {
    const result = await ingestEvents(getDb(), eventsOfBody(body));
    return json(200, { accepted: result.accepted, duplicates: result.duplicates });
  } catch (error) {
    if (error instanceof IngestError) {
      return json(error.status, error.details ? { error: error.message, details: error.details } : { error: error.message });
    }
    // Never the error's message: a failed-query error quotes its parameters, which include card data.
    const cause = (error as { cause?: { code?: string } } | undefined)?.cause;
    console.error("processor ingest failed:", error instanceof Error ? error.name : "unknown error", cause?.code ?? "");
    return json(500, { error: "The batch could not be stored; nothing was applied. Try again." });
  }
}
