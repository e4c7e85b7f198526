import { and, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { qboConnections } from "@/db/schema";
import { withConnectionApi } from "@/lib/quickbooks/connection/connection-api";
import { ConnectionRefusedError } from "@/lib/quickbooks/connection/refusal";
import { checkMappingHealth } from "@/lib/quickbooks/mapping/mapping-health";
import { recordMappingHealth, resultOf } from "@/lib/quickbooks/mapping/mapping-health-cache";
import { mappingFor } from "@/lib/quickbooks/mapping/mapping-versions";
import type { EntityChangeNotice } from "@/lib/quickbooks/webhooks";
import { notifyMappingBroken, notifyMappingHealthy } from "./causes";

/** The entities a mapping points at (webhook entity names are lower-cased). */
const MAPPED_ENTITIES = new Set(["account", "customer", "taxcode"]);

/** Whether any change is to an entity a mapping can point at (the route reacts only then). */
export function touchesMappedEntities(changes: EntityChangeNotice[]): boolean {
  return changes.some((c) => MAPPED_ENTITIES.has(c.entity.toLowerCase()));
}

/**
 * The webhook route's reaction, started after Intuit was acknowledged (it expects an answer within
 * 3 seconds): the re-check runs in the background of the server process and never throws.
 */
export function recheckMappingInBackground(db: Db, changes: EntityChangeNotice[]): void {
  void recheckMappingAfterWebhook(db, changes).catch((error: unknown) =>
    console.error("mapping re-check after a QuickBooks webhook failed:", error instanceof Error ? error.message : error),
  );
}

interface RecheckOutcome {
  realmId: string;
  connectionId: string;
  broken: number;
}

/**
 * Intuit's webhook said accounts, customers or tax codes changed: for each company whose current
 * mapping uses one of them, re-check the mapping's health at once (five reads) and tell the owner
 * if it broke, before the next run would stop on it. Called by the webhook route after the
 * signature was verified. Only connected companies (Active or Paused) are read.
 */
async function recheckMappingAfterWebhook(db: Db, changes: EntityChangeNotice[]): Promise<RecheckOutcome[]> {
  const byRealm = new Map<string, Set<string>>();
  for (const change of changes) {
    if (!MAPPED_ENTITIES.has(change.entity.toLowerCase())) continue;
    const ids = byRealm.get(change.realmId) ?? new Set<string>();
    ids.add(change.id);
    byRealm.set(change.realmId, ids);
  }
  if (byRealm.size === 0) return [];
  const connections = await db
    .select()
    .from(qboConnections)
    .where(and(inArray(qboConnections.realmId, [...byRealm.keys()]), inArray(qboConnections.status, ["active", "paused"])));
  const outcomes: RecheckOutcome[] = [];
  for (const connection of connections) {
    const changedIds = byRealm.get(connection.realmId!)!;
    const mapping = await mappingFor(db, connection.id);
    if (!mapping) continue;
    const used = [mapping.bankAccountId, mapping.revenueAccountId, mapping.expenseAccountId, mapping.customerId, mapping.taxCodeId];
    if (!used.some((id) => changedIds.has(id))) continue;
    try {
      const broken = await withConnectionApi(db, connection, (api) => checkMappingHealth(api, mapping));
      // The Manage tab shows this check from now on, without asking QuickBooks again.
      await recordMappingHealth(db, connection.id, mapping.version, resultOf(broken));
      if (broken.length > 0) await notifyMappingBroken(db, connection, broken);
      else await notifyMappingHealthy(db, connection);
      outcomes.push({ realmId: connection.realmId!, connectionId: connection.id, broken: broken.length });
    } catch (error) {
      // Needs reauthorization is told by its own notification; QuickBooks down: the next run checks again.
      if (!(error instanceof ConnectionRefusedError)) throw error;
    }
  }
  return outcomes;
}

