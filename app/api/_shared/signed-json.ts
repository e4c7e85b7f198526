import { BodyTooLargeError, readLimitedBody } from "@/lib/http/limited-body";

/**
 * The checks every signed JSON feed (the processor's ingest, Intuit's webhooks) makes before its
 * content is looked at: the body is read only up to `limit` bytes (413 as soon as it passes), the
 * signature is checked over the exact bytes received (401), then the bytes must be UTF-8 JSON (400).
 * Answers are JSON `{ error }` in the caller's words; a body is never logged.
 */
export interface SignedJsonRules {
  limit: number;
  /** True when the header's signature matches the raw body. */
  verify: (raw: Uint8Array) => boolean;
  refusals: { tooLarge: string; unreadable: string; unsigned: string; notJson: string };
}

export const jsonAnswer = (status: number, body: unknown) => Response.json(body, { status });

/** The parsed body, or the answer refusing it. */
export async function readSignedJson(request: Request, rules: SignedJsonRules): Promise<{ body: unknown } | Response> {
  let raw: Uint8Array;
  try {
    raw = await readLimitedBody(request, rules.limit);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return jsonAnswer(413, { error: rules.refusals.tooLarge });
    return jsonAnswer(400, { error: rules.refusals.unreadable });
  }
  if (!rules.verify(raw)) return jsonAnswer(401, { error: rules.refusals.unsigned });
  try {
    return { body: JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(raw)) };
  } catch {
    return jsonAnswer(400, { error: rules.refusals.notJson });
  }
}
