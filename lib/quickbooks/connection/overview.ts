import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { users } from "@/db/schema";
import { listMappingVersions, type MappingVersionWithAuthor } from "../mapping/mapping-versions";
import { systemClock, type Clock } from "./business-day";
import { findBusiness, findConnection, isLive, type Connection } from "./connection-record";
import { openPause } from "./lifecycle";
import { nextScheduledSync, type AutomaticSyncs } from "./sync-schedule";

/** The Manage tab's facts about one business's connection (no tokens, nothing of other businesses). */
export interface ConnectionOverview {
  connection: Connection | null;
  connectedByName: string | null;
  pausedFrom: string | null;
  /** Null when no sync is coming: not syncing (paused, …) or no schedule runs (`scheduleOff`). */
  nextSyncAt: Date | null;
  /** The connection would sync, but nothing runs the schedule (local mode, SYNC_SCHEDULE=off). */
  scheduleOff: boolean;
  versions: MappingVersionWithAuthor[];
}

export async function connectionOverview(db: DbOrTx, businessId: string, syncs: AutomaticSyncs, clock: Clock = systemClock): Promise<ConnectionOverview> {
  const [business, connection] = await Promise.all([findBusiness(db, businessId), findConnection(db, businessId)]);
  if (!business || !connection) return { connection: null, connectedByName: null, pausedFrom: null, nextSyncAt: null, scheduleOff: syncs === "off", versions: [] };
  const [by] = connection.connectedByUserId
    ? await db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, connection.connectedByUserId))
    : [];
  const pause = connection.status === "paused" ? await openPause(db, connection.id) : null;
  const syncing = isLive(connection) && connection.status === "active" && connection.setupCompletedAt !== null;
  return {
    connection,
    connectedByName: by ? (by.name ?? by.email) : null,
    pausedFrom: pause?.pausedFrom ?? null,
    nextSyncAt: syncing ? nextScheduledSync(clock, business.timezone, syncs) : null,
    scheduleOff: syncs === "off",
    versions: await listMappingVersions(db, connection.id),
  };
}
