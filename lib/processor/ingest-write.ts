/**
 * Writes a checked plan in bulk, parents before children: users, businesses, memberships, deposits,
 * transactions (in batch order, so an original is always inserted before what references it),
 * fees, then the deposit links of records stored by earlier batches.
 */
import { eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { businesses, cardTransactions, fees, memberships, settlementDeposits, users } from "@/db/schema";
import { IngestError } from "./errors";
import type { DepositLink, IngestPlan } from "./ingest-plan";

// Rows per INSERT: a transaction row binds 15 parameters; postgres.js allows 65,534 per statement.
const INSERT_CHUNK = 2_000;

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

export async function writePlan(tx: DbOrTx, plan: IngestPlan): Promise<void> {
  if (plan.newUsers.size) {
    // No password: the owner sets one through the portal's invitation flow.
    await tx.insert(users).values([...plan.newUsers.values()]).onConflictDoNothing({ target: users.email });
  }
  if (plan.newBusinesses.length) await tx.insert(businesses).values(plan.newBusinesses);
  for (const update of plan.businessUpdates.values()) {
    const { id, legalName, country, region, timezone } = update;
    await tx.update(businesses).set({ legalName, country, region, timezone, updatedAt: new Date() }).where(eq(businesses.id, id));
  }
  if (plan.ownerships.length) await grantOwnership(tx, plan.ownerships);

  for (const rows of chunk(plan.newDeposits, INSERT_CHUNK)) await tx.insert(settlementDeposits).values(rows);
  for (const rows of chunk(plan.newTransactions, INSERT_CHUNK)) await tx.insert(cardTransactions).values(rows);
  for (const rows of chunk(plan.newFees, INSERT_CHUNK)) await tx.insert(fees).values(rows);

  await settle(tx, "card_transactions", plan.settledTransactions);
  await settle(tx, "fees", plan.settledFees);
}

async function grantOwnership(tx: DbOrTx, ownerships: IngestPlan["ownerships"]): Promise<void> {
  const emails = [...new Set(ownerships.map((o) => o.email))];
  const rows = await tx.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, emails));
  const idByEmail = new Map(rows.map((r) => [r.email, r.id]));
  const values = ownerships.map((o) => ({ userId: idByEmail.get(o.email)!, businessId: o.businessId, role: "owner" as const }));
  await tx
    .insert(memberships)
    .values(values)
    .onConflictDoUpdate({ target: [memberships.userId, memberships.businessId], set: { role: "owner" } });
}

/**
 * Sets deposit_id on the stored items new deposits settle: one statement per business, the whole
 * list bound as two array parameters. (Chunks of a VALUES list each rescanned the business's
 * rows, so twice the items cost four times the work.) The `deposit_id is null` guard catches a
 * concurrent batch that settled the same item first: then the whole batch is refused as a conflict
 * rather than silently moving the item between deposits.
 */
async function settle(tx: DbOrTx, table: "card_transactions" | "fees", links: readonly DepositLink[]): Promise<void> {
  for (const [businessId, items] of groupByBusiness(links)) {
    const [{ updated }] = await tx.execute<{ updated: number }>(sql`
      with linked as (
        update ${sql.identifier(table)} as t set deposit_id = v.deposit_id
        from unnest(${sql.param(items.map((l) => l.id))}::uuid[], ${sql.param(items.map((l) => l.depositId))}::uuid[]) as v(id, deposit_id)
        where t.business_id = ${businessId}::uuid and t.id = v.id and t.deposit_id is null
        returning 1
      )
      select count(*)::int as updated from linked`);
    if (updated !== items.length) {
      throw new IngestError(409, "Another batch settled some of these items at the same time; send this batch again");
    }
  }
}

/** Links by business, grouped by pushing onto each business's list (linear; copying the list per item was quadratic). */
function groupByBusiness(links: readonly DepositLink[]): Map<string, DepositLink[]> {
  const byBusiness = new Map<string, DepositLink[]>();
  for (const link of links) {
    const list = byBusiness.get(link.businessId);
    if (list) list.push(link);
    else byBusiness.set(link.businessId, [link]);
  }
  return byBusiness;
}
