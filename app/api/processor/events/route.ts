import { getDb } from "@/lib/database";
import { env } from "@/lib/env";
import { IngestError } from "@/lib/processor/errors";
import { eventsOfBody } from "@/lib/processor/events";
import { ingestEvents } from "@/lib/processor/ingest";
import { MAX_INGEST_BODY_BYTES } from "@/lib/http/limited-body";
import { SIGNATURE_HEADER, verifySignature } from "@/lib/processor/signature";
import { jsonAnswer as json, readSignedJson } from "../../_shared/signed-json";

/**
 * POST /api/processor/events — the processor's signed feed. Only adapts HTTP: size cap, signature,
 * JSON, then lib/processor does the rest. Bodies carry card data (brand, last 4): never logged.
 */
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  const read = await readSignedJson(request, {
    limit: MAX_INGEST_BODY_BYTES,
    verify: (raw) => verifySignature(raw, request.headers.get(SIGNATURE_HEADER), env().PROCESSOR_INGEST_SECRET),
    refusals: {
      tooLarge: `The body exceeds the ${MAX_INGEST_BODY_BYTES}-byte limit; send smaller batches`,
      unreadable: "The body could not be read",
      unsigned: `Missing or invalid ${SIGNATURE_HEADER} header`,
      notJson: "The body is not valid UTF-8 JSON",
    },
  });
  if (read instanceof Response) return read;

  try {
    const result = await ingestEvents(getDb(), eventsOfBody(read.body));
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
