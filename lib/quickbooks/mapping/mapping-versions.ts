import { and, desc, eq, lte } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { qboMappingVersions, users } from "@/db/schema";

export type MappingVersion = typeof qboMappingVersions.$inferSelect;
export type MappingVersionWithAuthor = MappingVersion & { createdByName: string | null; createdByEmail: string | null };

/** Every version, newest first, with who made it: the history the Manage tab lists. */
export async function listMappingVersions(db: DbOrTx, connectionId: string): Promise<MappingVersionWithAuthor[]> {
  const rows = await db
    .select({ version: qboMappingVersions, name: users.name, email: users.email })
    .from(qboMappingVersions)
    .leftJoin(users, eq(users.id, qboMappingVersions.createdByUserId))
    .where(eq(qboMappingVersions.connectionId, connectionId))
    .orderBy(desc(qboMappingVersions.version));
  return rows.map((r) => ({ ...r.version, createdByName: r.name, createdByEmail: r.email }));
}

/**
 * The mapping that applies to a business date: the highest version effective on or before it
 * (two edits on one day: the later wins). Without a date, the newest version.
 */
export async function mappingFor(db: DbOrTx, connectionId: string, businessDate?: string): Promise<MappingVersion | null> {
  const [row] = await db
    .select()
    .from(qboMappingVersions)
    .where(and(eq(qboMappingVersions.connectionId, connectionId), businessDate ? lte(qboMappingVersions.effectiveFrom, businessDate) : undefined))
    .orderBy(desc(qboMappingVersions.version))
    .limit(1);
  return row ?? null;
}
