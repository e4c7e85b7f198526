import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { businesses, localeEnum, roleEnum, users } from "./tenancy";

/**
 * An owner's invitation of an accountant to one business. The link carries a random token; only
 * its SHA-256 is stored, so the table never holds a usable link. Single use (acceptedAt), expires
 * (expiresAt), revocable (revokedAt; revoking an accepted one also removes the membership).
 */
export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    businessId: uuid("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "cascade" }),
    /** Stored lower-cased (normalizeEmail): the account that accepts must have this email. */
    email: text("email").notNull(),
    role: roleEnum("role").notNull().default("accountant"),
    /** The language the owner chose for the invitee (the invitation page and email). */
    locale: localeEnum("locale").notNull().default("en"),
    tokenHash: text("token_hash").notNull(),
    createdByUserId: uuid("created_by_user_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    acceptedByUserId: uuid("accepted_by_user_id").references(() => users.id),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedByUserId: uuid("revoked_by_user_id").references(() => users.id),
  },
  (t) => [uniqueIndex("invitations_token_hash").on(t.tokenHash), index("invitations_business").on(t.businessId, t.createdAt)],
);
