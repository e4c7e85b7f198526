import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { qboConnections } from "./quickbooks";
import { businesses, users } from "./tenancy";

export const notificationKindEnum = pgEnum("notification_kind", [
  "needs_reauthorization",
  "items_failed",
  "connection_recovered",
  "token_expiring",
  "pause_limit",
  "sync_overdue",
  "mapping_broken",
]);

export const notificationEmailStateEnum = pgEnum("notification_email_state", ["pending", "sending", "sent", "failed", "off"]);

/**
 * Something a business's people should hear about, once per cause: `causeKey` names the cause
 * (e.g. "needs_reauthorization:<connection id>"), and while a notification with that key is open
 * (`resolvedAt` null) the same cause raises nothing new. Resolving it lets the cause speak again.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    businessId: uuid("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "cascade" }),
    connectionId: uuid("connection_id").references(() => qboConnections.id, { onDelete: "cascade" }),
    kind: notificationKindEnum("kind").notNull(),
    causeKey: text("cause_key").notNull(),
    /** What the texts need (company name, dates, the failed items…); never secrets or card data. */
    params: jsonb("params").notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("notifications_open_cause").on(t.businessId, t.causeKey).where(sql`${t.resolvedAt} is null`),
    index("notifications_business_created").on(t.businessId, t.createdAt),
  ],
);

/** Who a notification reached: read state in the portal and the email's delivery state, per user. */
export const notificationRecipients = pgTable(
  "notification_recipients",
  {
    notificationId: uuid("notification_id")
      .notNull()
      .references(() => notifications.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    readAt: timestamp("read_at", { withTimezone: true }),
    emailState: notificationEmailStateEnum("email_state").notNull(),
    emailAttempts: integer("email_attempts").notNull().default(0),
    /** Set while a sender works on it; a claim older than a few minutes is taken over (its process died). */
    emailClaimedAt: timestamp("email_claimed_at", { withTimezone: true }),
    emailSentAt: timestamp("email_sent_at", { withTimezone: true }),
    emailError: text("email_error"),
  },
  (t) => [
    primaryKey({ columns: [t.notificationId, t.userId] }),
    index("notification_recipients_user_unread").on(t.userId, t.readAt),
    index("notification_recipients_email_due").on(t.emailState).where(sql`${t.emailState} in ('pending', 'sending')`),
  ],
);

/** A user's choice per kind of notification: whether it reaches them by email (absent: it does). */
export const notificationEmailPreferences = pgTable(
  "notification_email_preferences",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: notificationKindEnum("kind").notNull(),
    email: boolean("email").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);
