import { z } from "zod";

/** Test controls for POST /_sandbox/companies/{realmId}/faults. */
export const faultRequestSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("http"),
    status: z.union([z.literal(500), z.literal(503), z.literal(429)], { error: "status must be 500, 503 or 429" }),
    count: z.number().int().min(1).default(1),
  }),
  z.object({
    kind: z.literal("hang"),
    count: z.number().int().min(1).default(1),
    /** Without ms the call never answers (until the client gives up); with ms it answers late. */
    ms: z.number().int().min(1).optional(),
  }),
  z.object({ kind: z.literal("dropResponse"), count: z.number().int().min(1).default(1) }),
  z.object({ kind: z.literal("expireAccessTokens") }),
  z.object({ kind: z.literal("revokeGrant"), clientId: z.string().min(1).optional() }),
  z.object({
    kind: z.literal("inactive"),
    entity: z.enum(["Account", "Customer", "Item", "TaxCode"]),
    id: z.string().min(1),
  }),
  z.object({
    kind: z.literal("closeBooks"),
    before: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "before must be a date YYYY-MM-DD").nullable(),
  }),
], { error: 'kind must be one of http, hang, dropResponse, expireAccessTokens, revokeGrant, inactive, closeBooks' });

/** The faults that wait for API calls (the others act at once). */
export type QueuedFault =
  | { kind: "http"; status: 500 | 503 | 429; remaining: number }
  | { kind: "hang"; ms?: number; remaining: number }
  | { kind: "dropResponse"; remaining: number };

/** Per-company queue of faults for the next API calls, consumed in the order they were injected. */
export class FaultBoard {
  private readonly queues = new Map<string, QueuedFault[]>();

  add(realmId: string, fault: QueuedFault): void {
    const queue = this.queues.get(realmId) ?? [];
    queue.push(fault);
    this.queues.set(realmId, queue);
  }

  /** The fault this API call suffers, if any; each call uses up one count. */
  take(realmId: string): QueuedFault | null {
    const queue = this.queues.get(realmId);
    if (!queue || queue.length === 0) return null;
    const head = queue[0];
    head.remaining -= 1;
    if (head.remaining <= 0) queue.shift();
    return { ...head };
  }

  pending(realmId: string): QueuedFault[] {
    return (this.queues.get(realmId) ?? []).map((f) => ({ ...f }));
  }

  clear(realmId?: string): void {
    if (realmId === undefined) this.queues.clear();
    else this.queues.delete(realmId);
  }
}
