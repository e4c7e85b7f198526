import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { businesses, memberships, users } from "@/db/schema";
import type { Role } from "./permissions";

type Business = typeof businesses.$inferSelect;
export type UserRecord = Pick<typeof users.$inferSelect, "id" | "email" | "name" | "locale" | "isSupport">;
export type BusinessAccess = { business: Business; role: Role };

export async function findUser(db: DbOrTx, userId: string): Promise<UserRecord | null> {
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name, locale: users.locale, isSupport: users.isSupport })
    .from(users)
    .where(eq(users.id, userId));
  return row ?? null;
}

/** The businesses a user belongs to, with the role they hold in each. */
export async function listBusinessesOf(db: DbOrTx, userId: string): Promise<BusinessAccess[]> {
  const rows = await db
    .select({ business: businesses, role: memberships.role })
    .from(memberships)
    .innerJoin(businesses, eq(businesses.id, memberships.businessId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(businesses.legalName));
  return rows;
}

/** The user's access to one business by merchant id, or null when they are not a member. */
export async function findBusinessAccess(db: DbOrTx, userId: string, merchantId: string): Promise<BusinessAccess | null> {
  const [row] = await db
    .select({ business: businesses, role: memberships.role })
    .from(memberships)
    .innerJoin(businesses, eq(businesses.id, memberships.businessId))
    .where(and(eq(memberships.userId, userId), eq(businesses.merchantId, merchantId)));
  return row ?? null;
}

/**
 * The merchant id of a business by its id, only when the user is a member of it: a caller holding
 * a business id from elsewhere (an OAuth state, a refusal) never learns another business's id.
 */
export async function memberMerchantId(db: DbOrTx, userId: string, businessId: string): Promise<string | null> {
  const [row] = await db
    .select({ merchantId: businesses.merchantId })
    .from(businesses)
    .innerJoin(memberships, eq(memberships.businessId, businesses.id))
    .where(and(eq(businesses.id, businessId), eq(memberships.userId, userId)));
  return row?.merchantId ?? null;
}
