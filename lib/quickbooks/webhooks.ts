import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

/**
 * Intuit's change notifications. The signature is base64(HMAC-SHA256(raw body, verifier token))
 * in the `intuit-signature` header; both payload formats are accepted: the CloudEvents array and
 * the legacy `eventNotifications` object.
 */
export function verifyIntuitSignature(rawBody: Uint8Array | string, signature: string | null, verifierToken: string): boolean {
  if (!signature) return false;
  const expected = createHmac("sha256", verifierToken).update(rawBody).digest();
  const given = Buffer.from(signature, "base64");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const cloudEventSchema = z.object({
  specversion: z.string(),
  id: z.string(),
  type: z.string().regex(/^qbo\.[a-z]+\.[a-z]+\.v\d+$/, "type must look like qbo.<entity>.<verb>.v1"),
  time: z.string().optional(),
  intuitentityid: z.string(),
  intuitaccountid: z.string(),
});

const legacySchema = z.object({
  eventNotifications: z.array(
    z.object({
      realmId: z.string(),
      dataChangeEvent: z.object({
        entities: z.array(z.object({ name: z.string(), id: z.string(), operation: z.string(), lastUpdated: z.string().optional() })),
      }),
    }),
  ),
});

export interface EntityChangeNotice {
  realmId: string;
  entity: string;
  id: string;
  operation: string;
  /** When Intuit says the change happened, if it says. */
  changedAt?: Date | null;
}

export type ParsedNotification = { ok: true; changes: EntityChangeNotice[] } | { ok: false; error: string };

export function parseNotification(json: unknown): ParsedNotification {
  if (Array.isArray(json)) {
    const parsed = z.array(cloudEventSchema).safeParse(json);
    if (!parsed.success) return { ok: false, error: `CloudEvents: ${parsed.error.issues[0]?.path.join(".")} ${parsed.error.issues[0]?.message}` };
    return {
      ok: true,
      changes: parsed.data.map((e) => {
        const [, entity, verb] = e.type.split(".");
        return { realmId: e.intuitaccountid, entity, id: e.intuitentityid, operation: verb, changedAt: validDate(e.time) };
      }),
    };
  }
  const parsed = legacySchema.safeParse(json);
  if (!parsed.success) return { ok: false, error: `eventNotifications: ${parsed.error.issues[0]?.path.join(".")} ${parsed.error.issues[0]?.message}` };
  return {
    ok: true,
    changes: parsed.data.eventNotifications.flatMap((n) =>
      n.dataChangeEvent.entities.map((e) => ({
        realmId: n.realmId,
        entity: e.name.toLowerCase(),
        id: e.id,
        operation: e.operation.toLowerCase(),
        changedAt: validDate(e.lastUpdated),
      })),
    ),
  };
}

function validDate(value: string | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
