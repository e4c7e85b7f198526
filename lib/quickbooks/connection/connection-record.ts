import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { businesses, qboConnections } from "@/db/schema";

export type Connection = typeof qboConnections.$inferSelect;
export type ConnectionStatus = Connection["status"];
export type BusinessRow = typeof businesses.$inferSelect;

/** Statuses in which the business holds a QuickBooks company (and the realm is reserved for it). */
export const LIVE_STATUSES: readonly ConnectionStatus[] = ["active", "paused", "needs_reauthorization"];

export function isLive(connection: Pick<Connection, "status"> | null | undefined): boolean {
  return !!connection && LIVE_STATUSES.includes(connection.status);
}

/** Connected, but the mapping step has not been confirmed yet: nothing syncs until it is. */
export function isInSetup(connection: Pick<Connection, "status" | "setupCompletedAt"> | null | undefined): boolean {
  return !!connection && isLive(connection) && connection.setupCompletedAt === null;
}

/** The business's integration record, or null before anyone started connecting. */
export async function findConnection(db: DbOrTx, businessId: string): Promise<Connection | null> {
  const [row] = await db.select().from(qboConnections).where(eq(qboConnections.businessId, businessId));
  return row ?? null;
}

/** The same, locked for the rest of the transaction: status changes never interleave. */
export async function lockConnection(db: DbOrTx, businessId: string): Promise<Connection | null> {
  const [row] = await db.select().from(qboConnections).where(eq(qboConnections.businessId, businessId)).for("update");
  return row ?? null;
}

/** The record, created in the not-connected state when missing (one per business). */
export async function ensureConnection(db: DbOrTx, businessId: string): Promise<Connection> {
  await db.insert(qboConnections).values({ businessId }).onConflictDoNothing({ target: qboConnections.businessId });
  const row = await findConnection(db, businessId);
  if (!row) throw new Error("The QuickBooks integration record could not be created.");
  return row;
}

export async function findBusiness(db: DbOrTx, businessId: string): Promise<BusinessRow | null> {
  const [row] = await db.select().from(businesses).where(eq(businesses.id, businessId));
  return row ?? null;
}

/** Updates the record of this business only (the business id is part of every write). */
export async function updateConnection(db: DbOrTx, businessId: string, connectionId: string, values: Partial<Connection>): Promise<Connection> {
  const [row] = await db
    .update(qboConnections)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(qboConnections.id, connectionId), eq(qboConnections.businessId, businessId)))
    .returning();
  if (!row) throw new Error("The QuickBooks integration record of this business was not found.");
  return row;
}

/** What the audit log keeps of a connection: its state, never its tokens. */
export function auditView(connection: Connection | null) {
  if (!connection) return null;
  return {
    status: connection.status,
    realmId: connection.realmId,
    companyName: connection.companyName,
    connectedOn: connection.connectedOn,
    setupCompletedAt: connection.setupCompletedAt,
    pausedAt: connection.pausedAt,
    disconnectedAt: connection.disconnectedAt,
  };
}
