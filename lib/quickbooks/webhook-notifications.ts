import type { DbOrTx } from "@/db/client";
import { qboWebhookNotifications } from "@/db/schema";
import type { EntityChangeNotice } from "./webhooks";

/**
 * Keeps every verified change notification, one row per changed entity, keyed by the company's
 * realm id: support reads them on the merchant's page. Storing is all this does; acting on a
 * notification is someone else's concern.
 */
export async function storeWebhookNotifications(db: DbOrTx, changes: (EntityChangeNotice & { changedAt?: Date | null })[], receivedAt = new Date()): Promise<number> {
  if (changes.length === 0) return 0;
  await db.insert(qboWebhookNotifications).values(
    changes.map((c) => ({
      realmId: c.realmId,
      entity: c.entity,
      entityId: c.id,
      operation: c.operation,
      changedAt: c.changedAt ?? null,
      receivedAt,
    })),
  );
  return changes.length;
}
