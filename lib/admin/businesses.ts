import { asc, count, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { businesses, memberships } from "@/db/schema";

/** Support's list of every business (support is the one role that sees across tenants). */
export async function listAllBusinesses(db: DbOrTx) {
  return db
    .select({
      id: businesses.id,
      merchantId: businesses.merchantId,
      legalName: businesses.legalName,
      country: businesses.country,
      region: businesses.region,
      currency: businesses.currency,
      members: count(memberships.userId),
    })
    .from(businesses)
    .leftJoin(memberships, eq(memberships.businessId, businesses.id))
    .groupBy(businesses.id)
    .orderBy(asc(businesses.merchantId));
}
