import { primaryKey, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * One row per tick of the portal's in-process schedule (local mode: no Inngest configured): the
 * job and the instant the tick was scheduled for. A process runs a tick only after claiming its row
 * (INSERT … ON CONFLICT), so two portal processes on one database never run the same tick twice.
 * A row, not a PostgreSQL advisory lock: the embedded PGlite serves every connection from ONE
 * session, where session locks would not exclude another process. An unfinished claim older than
 * its lease (the process died mid-tick) may be taken over.
 */
export const scheduleTicks = pgTable(
  "schedule_ticks",
  {
    job: text("job").notNull(),
    tick: timestamp("tick", { withTimezone: true }).notNull(),
    /** Which process holds (or held) the tick: host, pid and a random part. */
    claimedBy: text("claimed_by").notNull(),
    claimedAt: timestamp("claimed_at", { withTimezone: true }).notNull(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    /** What the tick did (JSON text of its summary) or why it failed. */
    outcome: text("outcome"),
  },
  (t) => [primaryKey({ columns: [t.job, t.tick] })],
);
