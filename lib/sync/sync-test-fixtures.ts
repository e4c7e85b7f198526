/** Connections, sync items and runs written straight into the tables, for the lib/sync and inngest tests. */
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { qboConnections, syncItems, syncRuns, unplannedRecords } from "@/db/schema";
import { insertBusiness, type Business } from "@/lib/portal/test-fixtures";

export type Connection = typeof qboConnections.$inferSelect;

let realmCounter = 0;

export async function insertConnection(
  db: Db,
  business: Business,
  overrides: Partial<typeof qboConnections.$inferInsert> = {},
): Promise<Connection> {
  realmCounter += 1;
  const [row] = await db
    .insert(qboConnections)
    .values({
      businessId: business.id,
      status: "active",
      realmId: `realm-${business.merchantId}-${realmCounter}`,
      companyName: `${business.legalName} books`,
      companyCountry: business.country,
      homeCurrency: business.currency,
      connectedOn: "2026-11-01",
      connectedAt: new Date("2026-11-01T14:00:00Z"),
      setupCompletedAt: new Date("2026-11-01T14:05:00Z"),
      ...overrides,
    })
    .returning();
  return row;
}

/** A business in Toronto with an active, set-up connection (connected on 2026-11-01). */
export async function connectedBusiness(db: Db, merchantId: string, overrides: Partial<typeof qboConnections.$inferInsert> = {}, businessOverrides: Partial<Business> = {}) {
  const business = await insertBusiness(db, merchantId, businessOverrides);
  const connection = await insertConnection(db, business, overrides);
  return { business, connection };
}

export async function insertItem(db: Db, connection: Connection, spec: Partial<typeof syncItems.$inferInsert> & Pick<typeof syncItems.$inferInsert, "recordId" | "recordType" | "businessDate" | "status">) {
  const [row] = await db
    .insert(syncItems)
    .values({ connectionId: connection.id, businessId: connection.businessId, ...spec })
    .returning();
  // As the planner does: a record with a sync item has left the planner's queue.
  await db.delete(unplannedRecords).where(and(eq(unplannedRecords.recordId, spec.recordId), eq(unplannedRecords.recordType, spec.recordType)));
  return row;
}

export async function insertRun(db: Db, connection: Connection, spec: Partial<typeof syncRuns.$inferInsert> & Pick<typeof syncRuns.$inferInsert, "throughDate">) {
  const startedAt = spec.startedAt ?? new Date("2026-11-20T06:00:00Z");
  const [row] = await db
    .insert(syncRuns)
    .values({ connectionId: connection.id, trigger: "schedule", status: "succeeded", startedAt, heartbeatAt: startedAt, finishedAt: startedAt, ...spec })
    .returning();
  return row;
}
