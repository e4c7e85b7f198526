/** The largest processor ingest body accepted (POST /api/processor/events): about 20,000 events. */
export const MAX_INGEST_BODY_BYTES = 5 * 1024 * 1024;
/** The largest Intuit webhook body accepted: Intuit sends at most ~1 MB per notification. */
export const MAX_INTUIT_WEBHOOK_BODY_BYTES = 2 * 1024 * 1024;

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The body is larger than ${limit} bytes`);
    this.name = "BodyTooLargeError";
  }
}

/**
 * Reads a request body as raw bytes, stopping as soon as it passes `limit` — a declared
 * Content-Length can be absent or wrong (chunked uploads), so the stream itself is counted and the
 * rest is never buffered.
 */
export async function readLimitedBody(request: Request, limit: number): Promise<Uint8Array> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) throw new BodyTooLargeError(limit);
  if (!request.body) return new Uint8Array(0);

  const reader = request.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new BodyTooLargeError(limit);
    }
    parts.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    body.set(part, offset);
    offset += part.byteLength;
  }
  return body;
}
