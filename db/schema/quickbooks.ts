import { sql } from "drizzle-orm";
import { boolean, date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { businesses, countryEnum, currencyEnum, users } from "./tenancy";

export const connectionStatusEnum = pgEnum("qbo_connection_status", [
  "not_connected",
  "active",
  "paused",
  "needs_reauthorization",
  "disconnected",
]);

/** One live connection per QuickBooks company: the partial unique index a racing second connect runs into. */
export const LIVE_REALM_INDEX = "qbo_connections_live_realm";

/**
 * A business's QuickBooks integration record: one per business, kept for history after a
 * disconnect. `realmId` is unique among records that hold a live connection, which is what
 * enforces "one business ↔ one QuickBooks company".
 */
export const qboConnections = pgTable(
  "qbo_connections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    businessId: uuid("business_id")
      .notNull()
      .unique()
      .references(() => businesses.id, { onDelete: "cascade" }),
    status: connectionStatusEnum("status").notNull().default("not_connected"),
    realmId: text("realm_id"),
    companyName: text("company_name"),
    companyCountry: countryEnum("company_country"),
    homeCurrency: currencyEnum("home_currency"),
    /** US companies use TAX/NON line codes and a transaction tax code; others a tax code per line. */
    usesUsSalesTax: boolean("uses_us_sales_tax"),
    automatedSalesTax: boolean("automated_sales_tax"),
    /** Sharing of processing data with QuickBooks, authorized by the owner before OAuth. */
    consentAt: timestamp("consent_at", { withTimezone: true }),
    consentByUserId: uuid("consent_by_user_id").references(() => users.id),
    connectedAt: timestamp("connected_at", { withTimezone: true }),
    connectedByUserId: uuid("connected_by_user_id").references(() => users.id),
    /** The business date of the connection: nothing dated earlier is ever posted. */
    connectedOn: date("connected_on"),
    /** Set when the mapping step was confirmed: the connection starts syncing from then on. */
    setupCompletedAt: timestamp("setup_completed_at", { withTimezone: true }),
    /** The last OAuth round trip (connect or reauthorize): a pause longer than a year needs a newer one to resume. */
    lastAuthorizedAt: timestamp("last_authorized_at", { withTimezone: true }),
    pausedAt: timestamp("paused_at", { withTimezone: true }),
    lastSuccessfulSyncAt: timestamp("last_successful_sync_at", { withTimezone: true }),
    disconnectedAt: timestamp("disconnected_at", { withTimezone: true }),
    /**
     * Not due for the hourly schedule before this instant (null: due as soon as the rest holds).
     * Set when a run ends: the end of the business day after the one it covered (a failed run:
     * sooner). Lets a fan-out page skip connections with a cheap index read (see due-connections).
     */
    nextSyncDueAt: timestamp("next_sync_due_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex(LIVE_REALM_INDEX)
      .on(t.realmId)
      .where(sql`${t.status} in ('active', 'paused', 'needs_reauthorization')`),
    // Support's search by realm id and company name (prefix, case-insensitive).
    index("qbo_connections_realm_search").on(sql`${t.realmId} text_pattern_ops`),
    index("qbo_connections_company_search").on(sql`lower(${t.companyName}) text_pattern_ops`),
    // The hourly fan-out's pages: active, set-up connections in id order (keyset).
    index("qbo_connections_schedulable")
      .on(t.id, t.nextSyncDueAt)
      .where(sql`${t.status} = 'active' and ${t.setupCompletedAt} is not null`),
  ],
);

/** Encrypted OAuth tokens (AES-256-GCM, see lib/quickbooks/token-crypto); deleted on disconnect. */
export const qboTokens = pgTable("qbo_tokens", {
  connectionId: uuid("connection_id")
    .primaryKey()
    .references(() => qboConnections.id, { onDelete: "cascade" }),
  keyId: text("key_id").notNull(),
  accessTokenCiphertext: text("access_token_ciphertext").notNull(),
  refreshTokenCiphertext: text("refresh_token_ciphertext").notNull(),
  accessTokenExpiresAt: timestamp("access_token_expires_at", { withTimezone: true }).notNull(),
  refreshTokenExpiresAt: timestamp("refresh_token_expires_at", { withTimezone: true }).notNull(),
  refreshTokenHardExpiresAt: timestamp("refresh_token_hard_expires_at", { withTimezone: true }),
  refreshedAt: timestamp("refreshed_at", { withTimezone: true }).notNull().defaultNow(),
  /**
   * Set while one process refreshes at Intuit (a claim, not a held row lock: no transaction stays
   * open across the network call). A claim older than this time is abandoned and may be taken over.
   */
  refreshingUntil: timestamp("refreshing_until", { withTimezone: true }),
});

/**
 * The ledger choices, versioned: a change applies to what is posted from its effective date on;
 * earlier versions stay for the documents already posted with them and for the history list.
 */
export const qboMappingVersions = pgTable(
  "qbo_mapping_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    connectionId: uuid("connection_id")
      .notNull()
      .references(() => qboConnections.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    effectiveFrom: date("effective_from").notNull(),
    bankAccountId: text("bank_account_id").notNull(),
    bankAccountName: text("bank_account_name").notNull(),
    revenueAccountId: text("revenue_account_id").notNull(),
    revenueAccountName: text("revenue_account_name").notNull(),
    expenseAccountId: text("expense_account_id").notNull(),
    expenseAccountName: text("expense_account_name").notNull(),
    customerId: text("customer_id").notNull(),
    customerName: text("customer_name").notNull(),
    taxCodeId: text("tax_code_id").notNull(),
    taxCodeName: text("tax_code_name").notNull(),
    createdByUserId: uuid("created_by_user_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("qbo_mapping_versions_connection_version").on(t.connectionId, t.version)],
);

/** Pauses of a connection: data dated from `pausedFrom` up to the day before `resumedOn` is never posted. */
export const qboPauses = pgTable(
  "qbo_pauses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    connectionId: uuid("connection_id")
      .notNull()
      .references(() => qboConnections.id, { onDelete: "cascade" }),
    pausedFrom: date("paused_from").notNull(),
    resumedOn: date("resumed_on"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("qbo_pauses_connection").on(t.connectionId, t.pausedFrom)],
);

/** Single-use OAuth `state` nonces: a replayed callback finds its nonce already used. */
export const oauthStates = pgTable("oauth_states", {
  nonce: text("nonce").primaryKey(),
  businessId: uuid("business_id")
    .notNull()
    .references(() => businesses.id, { onDelete: "cascade" }),
  userId: uuid("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  purpose: text("purpose").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
});

/**
 * Intuit's change notifications as received (after the signature was verified), one row per
 * changed entity, keyed by the company's realm id: support reads them on a merchant's page.
 */
export const qboWebhookNotifications = pgTable(
  "qbo_webhook_notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    realmId: text("realm_id").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id").notNull(),
    operation: text("operation").notNull(),
    /** When Intuit says the change happened, if it says. */
    changedAt: timestamp("changed_at", { withTimezone: true }),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("qbo_webhook_notifications_realm_received").on(t.realmId, t.receivedAt)],
);

/**
 * The last mapping health check of a connection (sync run, webhook, "Check now", or a Manage view
 * when older than a minute): the Manage tab shows it instead of asking QuickBooks on every view.
 */
export const qboMappingHealth = pgTable("qbo_mapping_health", {
  connectionId: uuid("connection_id")
    .primaryKey()
    .references(() => qboConnections.id, { onDelete: "cascade" }),
  mappingVersion: integer("mapping_version").notNull(),
  /** ok, broken or unavailable (QuickBooks could not be reached). */
  state: text("state").notNull(),
  broken: jsonb("broken").notNull().default([]),
  checkedAt: timestamp("checked_at", { withTimezone: true }).notNull(),
  /** A view claimed the next check at this time: other views keep showing the last result meanwhile. */
  checkClaimedAt: timestamp("check_claimed_at", { withTimezone: true }),
});
