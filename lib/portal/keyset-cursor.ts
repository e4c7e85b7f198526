import { z } from "zod";

/** A cursor that is not one this app handed out (edited, truncated, or from another list). */
export class InvalidCursorError extends Error {
  constructor() {
    super("The cursor is not valid; start again from the first page");
    this.name = "InvalidCursorError";
  }
}

/**
 * Keyset cursors are opaque to clients: base64url of the JSON sort key of the last row shown.
 * Opaque so the sort key can change without breaking a contract; validated on the way back in
 * because it comes from the URL.
 */
export function encodeCursor(key: Record<string, string>): string {
  return Buffer.from(JSON.stringify(key), "utf8").toString("base64url");
}

export function decodeCursor<S extends z.ZodType>(schema: S, cursor: string): z.infer<S> {
  if (!/^[A-Za-z0-9_-]{1,512}$/.test(cursor)) throw new InvalidCursorError();
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw new InvalidCursorError();
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new InvalidCursorError();
  return parsed.data;
}

/**
 * An exact timestamptz as PostgreSQL prints it in UTC with microseconds. Cursors keep this text
 * rather than a JS Date, which would round microseconds away and skip or repeat rows at a page edge.
 */
export const exactTimestamp = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
