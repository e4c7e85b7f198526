import { and, eq, isNull, lt, or } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { qboMappingHealth } from "@/db/schema";
import { withConnectionApi } from "../connection/connection-api";
import { findConnection, type Connection } from "../connection/connection-record";
import { ConnectionRefusedError } from "../connection/refusal";
import { checkMappingHealth, type BrokenMapping } from "./mapping-health";
import { mappingFor } from "./mapping-versions";

/**
 * The Manage tab shows the result of the last mapping health check instead of asking QuickBooks
 * (five reads) on every view. The result is refreshed by each sync run, by Intuit webhooks (call
 * refreshMappingHealth), by the "Check now" button, and by a view when it is older than
 * HEALTH_FRESH_MS — by one view only: the others keep showing the last result meanwhile.
 */
export type HealthResult = { state: "ok" } | { state: "broken"; broken: BrokenMapping[] } | { state: "unavailable" };

export const HEALTH_FRESH_MS = 60_000;

export const resultOf = (broken: BrokenMapping[]): HealthResult => (broken.length ? { state: "broken", broken } : { state: "ok" });

const brokenSchema = z.array(
  z.object({
    slot: z.enum(["bank", "revenue", "expense", "customer", "taxCode"]),
    id: z.string(),
    name: z.string(),
    problem: z.enum(["missing", "inactive", "wrong_type"]),
    fix: z.string(),
  }),
);

export interface CheckedHealth {
  result: HealthResult;
  checkedAt: Date;
}

interface StoredHealth extends CheckedHealth {
  mappingVersion: number;
}

/** Keeps the result of a check of a mapping version (the sync engine's check, or one made here). */
export async function recordMappingHealth(db: Db, connectionId: string, mappingVersion: number, result: HealthResult, checkedAt = new Date()): Promise<void> {
  const values = { mappingVersion, state: result.state, broken: result.state === "broken" ? result.broken : [], checkedAt, checkClaimedAt: null };
  await db
    .insert(qboMappingHealth)
    .values({ connectionId, ...values })
    .onConflictDoUpdate({ target: qboMappingHealth.connectionId, set: values });
}

async function storedMappingHealth(db: Db, connectionId: string): Promise<StoredHealth | null> {
  const [row] = await db.select().from(qboMappingHealth).where(eq(qboMappingHealth.connectionId, connectionId));
  if (!row) return null;
  const broken = brokenSchema.safeParse(row.broken);
  const result: HealthResult =
    row.state === "broken" && broken.success ? { state: "broken", broken: broken.data } : row.state === "ok" ? { state: "ok" } : { state: "unavailable" };
  return { result, mappingVersion: row.mappingVersion, checkedAt: row.checkedAt };
}

/**
 * Checks the connection's current mapping in QuickBooks now and keeps the result. Null when there
 * is nothing to check (no mapping yet, or the connection needs reauthorization — a refused token
 * turns it so).
 */
async function checkAndRecord(db: Db, connection: Connection, now: Date): Promise<CheckedHealth | null> {
  const mapping = await mappingFor(db, connection.id);
  if (!mapping || connection.status === "needs_reauthorization") return null;
  let result: HealthResult;
  try {
    result = resultOf(await withConnectionApi(db, connection, (api) => checkMappingHealth(api, mapping)));
  } catch (error) {
    if (!(error instanceof ConnectionRefusedError)) throw error;
    if (error.code === "needs_reauthorization") return null;
    result = { state: "unavailable" };
  }
  await recordMappingHealth(db, connection.id, mapping.version, result, now);
  return { result, checkedAt: now };
}

/**
 * Re-checks a business's mapping in QuickBooks and keeps the result: for "Check now" and for
 * Intuit webhooks saying that an account, customer or tax code changed. Null when the business has
 * no connection with a mapping to check.
 */
export async function refreshMappingHealth(db: Db, businessId: string, now = new Date()): Promise<CheckedHealth | null> {
  const connection = await findConnection(db, businessId);
  if (!connection) return null;
  return checkAndRecord(db, connection, now);
}

/**
 * The health the Manage tab shows: the kept result while it is fresh (under a minute old, and of
 * the current mapping version) — no QuickBooks call; otherwise one viewer claims a new check and
 * the others get the last result until it lands.
 */
export async function mappingHealthForView(db: Db, connection: Connection, now = new Date()): Promise<CheckedHealth | null> {
  if (connection.status === "needs_reauthorization") return null;
  const mapping = await mappingFor(db, connection.id);
  if (!mapping) return null;
  const stored = await storedMappingHealth(db, connection.id);
  const fresh = stored && stored.mappingVersion === mapping.version && now.getTime() - stored.checkedAt.getTime() < HEALTH_FRESH_MS;
  if (fresh) return stored;
  if (stored) {
    const staleBefore = new Date(now.getTime() - HEALTH_FRESH_MS);
    const claimed = await db
      .update(qboMappingHealth)
      .set({ checkClaimedAt: now })
      .where(
        and(
          eq(qboMappingHealth.connectionId, connection.id),
          or(isNull(qboMappingHealth.checkClaimedAt), lt(qboMappingHealth.checkClaimedAt, staleBefore)),
        ),
      )
      .returning({ id: qboMappingHealth.connectionId });
    // Another view is checking: show the last result (of this mapping version) meanwhile.
    if (claimed.length === 0 && stored.mappingVersion === mapping.version) return stored;
  }
  return checkAndRecord(db, connection, now);
}
