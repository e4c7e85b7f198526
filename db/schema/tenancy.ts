import { sql } from "drizzle-orm";
import { boolean, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const countryEnum = pgEnum("country", ["CA", "US"]);
export const currencyEnum = pgEnum("currency", ["CAD", "USD"]);
export const localeEnum = pgEnum("locale", ["en", "fr-CA"]);
export const roleEnum = pgEnum("membership_role", ["owner", "accountant", "staff"]);

/** A merchant account of the processor: the tenant every processor record belongs to. */
export const businesses = pgTable(
  "businesses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    merchantId: text("merchant_id").notNull().unique(),
    legalName: text("legal_name").notNull(),
    country: countryEnum("country").notNull(),
    region: text("region").notNull(),
    currency: currencyEnum("currency").notNull(),
    timezone: text("timezone").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // Support's search: case-insensitive prefix matches (text_pattern_ops serves LIKE 'abc%' in any collation).
  (t) => [
    index("businesses_merchant_id_search").on(sql`lower(${t.merchantId}) text_pattern_ops`),
    index("businesses_legal_name_search").on(sql`lower(${t.legalName}) text_pattern_ops`),
  ],
);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Stored lower-cased; see normalizeEmail. */
    email: text("email").notNull().unique(),
    name: text("name"),
    /** argon2id; null until the user sets a password (owners created by the processor feed). */
    passwordHash: text("password_hash"),
    locale: localeEnum("locale").notNull().default("en"),
    /** Processor employees: reach /admin. */
    isSupport: boolean("is_support").notNull().default(false),
    /**
     * Every session carries the version it was signed in under; bumping it ends all of the user's
     * sessions at once (Sign out everywhere, a password change). See lib/auth/sessions.
     */
    sessionVersion: integer("session_version").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("users_email_lower_idx").on(sql`lower(${t.email})`), index("users_email_search").on(sql`lower(${t.email}) text_pattern_ops`)],
);

export const memberships = pgTable(
  "memberships",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    businessId: uuid("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "cascade" }),
    role: roleEnum("role").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.businessId] }), index("memberships_business_idx").on(t.businessId)],
);


/**
 * Failed sign-ins per throttle key — a client address ("address:…") or an email ("email:…") — to
 * slow down guessing (see lib/auth/login-throttle). Rows whose wait is long over are pruned, and the
 * table is capped, so unknown emails cannot grow it forever.
 */
export const loginThrottle = pgTable(
  "login_throttle",
  {
    key: text("key").primaryKey(),
    failures: integer("failures").notNull().default(0),
    lastFailedAt: timestamp("last_failed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("login_throttle_last_failed_idx").on(t.lastFailedAt)],
);

/**
 * Sessions ended by Sign out before they expire (JWT sessions cannot be deleted: the id is refused
 * instead). Rows are dropped once the session would have expired anyway, so the table stays small.
 */
export const revokedSessions = pgTable("revoked_sessions", {
  sessionId: uuid("session_id").primaryKey(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});
