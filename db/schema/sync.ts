import { sql } from "drizzle-orm";
import { bigint, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { qboConnections } from "./quickbooks";
import { businesses, users } from "./tenancy";

export const syncRecordTypeEnum = pgEnum("sync_record_type", ["transaction", "fee", "deposit"]);
export const syncItemStatusEnum = pgEnum("sync_item_status", [
  "pending",
  "posted",
  "failed",
  "ready_to_sync",
  "resolved",
  "skipped_paused",
  "before_connection",
]);

/**
 * One per processor record per connection: the record's way into QuickBooks. A record is posted
 * at most once because its item moves to `posted` with the QuickBooks id, and because every
 * attempt whose outcome is unknown (`inFlightSince` set) is looked up in QuickBooks by DocNumber
 * before anything is created again.
 */
export const syncItems = pgTable(
  "sync_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    connectionId: uuid("connection_id")
      .notNull()
      .references(() => qboConnections.id, { onDelete: "cascade" }),
    businessId: uuid("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "cascade" }),
    recordType: syncRecordTypeEnum("record_type").notNull(),
    recordId: uuid("record_id").notNull(),
    businessDate: date("business_date").notNull(),
    status: syncItemStatusEnum("status").notNull(),
    /** The QuickBooks document this record became (or will become). */
    qboEntity: text("qbo_entity"),
    qboId: text("qbo_id"),
    docNumber: text("doc_number"),
    /** Amount of the QuickBooks document, minor units (deposits: what the tie-out compares). */
    qboTotalMinor: bigint("qbo_total_minor", { mode: "number" }),
    mappingVersion: integer("mapping_version"),
    /** Definite failures so far; part of the requestid, so a retry after a fix is a new request. */
    attempts: integer("attempts").notNull().default(0),
    /** Set while a create is on its way: if still set later, the outcome is unknown. */
    inFlightSince: timestamp("in_flight_since", { withTimezone: true }),
    faultCode: text("fault_code"),
    faultMessage: text("fault_message"),
    faultDetail: text("fault_detail"),
    faultElement: text("fault_element"),
    /** Intuit's transaction id (`intuit_tid` header) of the call that failed this item: what Intuit support asks for. */
    intuitTid: text("intuit_tid"),
    postedAt: timestamp("posted_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    updatedByUserId: uuid("updated_by_user_id").references(() => users.id),
  },
  (t) => [
    uniqueIndex("sync_items_record").on(t.connectionId, t.recordType, t.recordId),
    index("sync_items_connection_status").on(t.connectionId, t.status, t.businessDate),
    index("sync_items_connection_date").on(t.connectionId, t.businessDate),
    // Support's "has failed items" filter across every business.
    index("sync_items_failed_business").on(t.businessId).where(sql`${t.status} = 'failed'`),
  ],
);

export const syncRunStatusEnum = pgEnum("sync_run_status", ["running", "succeeded", "partly_failed", "stopped", "failed"]);

/**
 * What a finished run stores about itself: the fields of lib/sync/engine's SyncSummary that are
 * read back (the engine writes the whole summary). Null while running, and for a run recorded as
 * failed before the engine could finish it.
 */
export interface StoredRunSummary {
  documentsCreated: Record<string, number>;
  itemsFailed: number;
  durationMs: number;
  /** Set when the mapping health check stopped the run. */
  brokenMapping?: { slot: string; problem: string }[];
}

/** One attempt to bring a connection up to date. At most one runs per connection at a time. */
export const syncRuns = pgTable(
  "sync_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    connectionId: uuid("connection_id")
      .notNull()
      .references(() => qboConnections.id, { onDelete: "cascade" }),
    trigger: text("trigger").notNull(),
    throughDate: date("through_date").notNull(),
    status: syncRunStatusEnum("status").notNull().default("running"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    /** Renewed while the run works; a run silent for long is taken over (its process died). */
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    summary: jsonb("summary").$type<StoredRunSummary>(),
    message: text("message"),
    /** Calls of this run that failed or whose outcome was unknown, with Intuit's `intuit_tid` of each (capped). */
    failedCalls: jsonb("failed_calls"),
  },
  (t) => [
    uniqueIndex("sync_runs_one_running").on(t.connectionId).where(sql`${t.status} = 'running'`),
    index("sync_runs_connection_started").on(t.connectionId, t.startedAt),
    // The fan-out's "is the last ended day already covered?" reads the runs through it, not all runs.
    index("sync_runs_connection_through").on(t.connectionId, t.throughDate),
  ],
);

/**
 * QuickBooks objects Settlebooks created once and reuses: the service item per revenue account
 * (never re-pointed: earlier documents used it) and the PaymentMethod per card brand.
 */
export const qboReferences = pgTable(
  "qbo_references",
  {
    connectionId: uuid("connection_id")
      .notNull()
      .references(() => qboConnections.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    key: text("key").notNull(),
    qboId: text("qbo_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("qbo_references_key").on(t.connectionId, t.kind, t.key)],
);

/**
 * Sync items per connection, business day and status, kept by statement triggers on sync_items
 * (see the migration "day_totals") so the day ledger reads one small row per day.
 */
export const syncDayStatuses = pgTable(
  "sync_day_statuses",
  {
    connectionId: uuid("connection_id")
      .notNull()
      .references(() => qboConnections.id, { onDelete: "cascade" }),
    businessDate: date("business_date").notNull(),
    pending: integer("pending").notNull().default(0),
    posted: integer("posted").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    readyToSync: integer("ready_to_sync").notNull().default(0),
    resolved: integer("resolved").notNull().default(0),
    skippedPaused: integer("skipped_paused").notNull().default(0),
    beforeConnection: integer("before_connection").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.businessDate] })],
);

/**
 * Processor records no sync item covers yet: written by triggers as records arrive, taken by the
 * planner (planItems) once `plannable_on` is reached, so a sync plans what is new instead of
 * re-reading the whole history. `plannable_on` is the record's business date, except for a fee no
 * deposit lists: a week later (the grace a deposit has to claim it), or at once for a monthly fee;
 * a fee that a deposit lists meanwhile leaves the queue (it is a line of that deposit).
 */
export const unplannedRecords = pgTable(
  "unplanned_records",
  {
    businessId: uuid("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "cascade" }),
    recordType: syncRecordTypeEnum("record_type").notNull(),
    plannableOn: date("plannable_on").notNull(),
    businessDate: date("business_date").notNull(),
    recordId: uuid("record_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.businessId, t.recordType, t.plannableOn, t.recordId] })],
);
