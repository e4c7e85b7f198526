import { createHash, createHmac, randomUUID } from "node:crypto";
import type { EntityChange } from "../accounting";

/** Intuit's webhook signature: base64 HMAC-SHA256 of the raw body, keyed with the app's verifier token. */
export function signWebhookPayload(payload: string, verifierToken: string): string {
  return createHmac("sha256", verifierToken).update(payload, "utf8").digest("base64");
}

const CLOUDEVENT_VERBS: Record<EntityChange["operation"], string> = {
  Create: "created",
  Update: "updated",
  Delete: "deleted",
  Void: "voided",
  Merge: "merged",
};

export interface RealmChanges {
  realmId: string;
  changes: EntityChange[];
  at: Date;
}

/** CloudEvents 1.0 array, one event per changed entity (Intuit's format since 2026). */
export function cloudEventsPayload(clientId: string, batches: RealmChanges[]): string {
  // Intuit's source is an opaque per-app string; a digest of the client id keeps it stable here.
  const source = `intuit.${createHash("sha256").update(clientId).digest("base64")}`;
  const events = batches.flatMap(({ realmId, changes, at }) =>
    changes.map((change) => ({
      specversion: "1.0",
      id: randomUUID(),
      source,
      type: `qbo.${change.entity.toLowerCase()}.${CLOUDEVENT_VERBS[change.operation]}.v1`,
      datacontenttype: "application/json",
      time: at.toISOString(),
      intuitentityid: change.id,
      intuitaccountid: realmId,
      data: {},
    })),
  );
  return JSON.stringify(events);
}

/** The legacy eventNotifications shape: one notification per company. */
export function legacyPayload(batches: RealmChanges[]): string {
  const byRealm = new Map<string, Array<{ name: string; id: string; operation: string; lastUpdated: string }>>();
  for (const { realmId, changes, at } of batches) {
    const entities = byRealm.get(realmId) ?? [];
    for (const change of changes) {
      entities.push({ name: change.entity, id: change.id, operation: change.operation, lastUpdated: at.toISOString() });
    }
    byRealm.set(realmId, entities);
  }
  return JSON.stringify({
    eventNotifications: [...byRealm].map(([realmId, entities]) => ({ realmId, dataChangeEvent: { entities } })),
  });
}
