import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, syncItems } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-database";
import { insertFee, insertMember, insertTransactions } from "@/lib/portal/test-fixtures";
import { listFailedItems, markReadyToSync, markResolved, READY_TO_SYNC_ACTION, RESOLVED_ACTION } from "./failed-items";
import { connectedBusiness, insertItem } from "./sync-test-fixtures";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

async function businessWithFailures(merchantId: string) {
  const { db } = database;
  const { business, connection } = await connectedBusiness(db, merchantId);
  const owner = await insertMember(db, `owner-${merchantId.toLowerCase()}@example.test`, business.id);
  const [sale, refund] = await insertTransactions(db, business, [
    { processorId: `${merchantId}-tx-1`, amountMinor: 2_500, occurredAt: new Date("2026-11-20T17:00:00Z") },
    { processorId: `${merchantId}-tx-2`, kind: "refund", amountMinor: 700, occurredAt: new Date("2026-11-19T17:00:00Z") },
  ]);
  const monthly = await insertFee(db, business, { processorId: `${merchantId}-fee-1`, amountMinor: 1_500, kind: "monthly" });
  const a = await insertItem(db, connection, { recordType: "transaction", recordId: sale.id, businessDate: "2026-11-20", status: "failed", faultCode: "610", faultMessage: "Object Not Found", faultDetail: "Something you're trying to use has been made inactive.", faultElement: "CustomerRef", docNumber: "SB-1" });
  const b = await insertItem(db, connection, { recordType: "transaction", recordId: refund.id, businessDate: "2026-11-19", status: "failed", faultCode: "6210", faultMessage: "Account Period Closed" });
  const c = await insertItem(db, connection, { recordType: "fee", recordId: monthly.id, businessDate: "2026-11-20", status: "failed", faultCode: "6000", faultDetail: "Business Validation Error: You must set a transaction amount" });
  await insertItem(db, connection, { recordType: "transaction", recordId: crypto.randomUUID(), businessDate: "2026-11-20", status: "posted", qboId: "55" });
  return { business, connection, owner, items: { sale: a, refund: b, fee: c } };
}

describe("failed items", () => {
  it("lists a connection's failed items with their processor record, day and explained fault, oldest day first", async () => {
    const { business, connection } = await businessWithFailures("FAIL-LIST");
    const list = await listFailedItems(database.db, business.id, connection.id);
    expect(list[0]).toMatchObject({ businessDate: "2026-11-19", processorId: "FAIL-LIST-tx-2", kind: "refund", amountMinor: 700 });
    expect(list.slice(1).map((i) => [i.businessDate, i.processorId, i.kind, i.amountMinor]).sort()).toEqual([
      ["2026-11-20", "FAIL-LIST-fee-1", "monthly", 1_500],
      ["2026-11-20", "FAIL-LIST-tx-1", "sale", 2_500],
    ]);
    const sale = list.find((i) => i.kind === "sale");
    expect(sale).toMatchObject({ currency: "CAD", docNumber: "SB-1", fault: { code: "610", element: "CustomerRef" }, explanation: { slot: "customer" } });
  });

  it("moves only failed items of the business's own connection, and audits before and after", async () => {
    const { db } = database;
    const a = await businessWithFailures("TENANT-A");
    const b = await businessWithFailures("TENANT-B");

    // A's owner sends B's item ids along with A's: B's stay failed.
    const moved = await markReadyToSync(db, a.business.id, a.connection.id, [a.items.sale.id, b.items.sale.id, b.items.refund.id], a.owner.id);
    expect(moved).toEqual([a.items.sale.id]);
    // Nor can B's ids be moved through A's connection id with B's business, or the reverse.
    expect(await markResolved(db, b.business.id, a.connection.id, [b.items.fee.id, a.items.fee.id], b.owner.id)).toEqual([]);
    const bStatuses = await db.select({ status: syncItems.status }).from(syncItems).where(inArray(syncItems.id, Object.values(b.items).map((i) => i.id)));
    expect(bStatuses.map((r) => r.status)).toEqual(Object.values(b.items).map(() => "failed"));

    const [ready] = await db.select().from(syncItems).where(eq(syncItems.id, a.items.sale.id));
    expect(ready).toMatchObject({ status: "ready_to_sync", updatedByUserId: a.owner.id });

    // Resolved: one item or a selection; an item no longer failed is not moved again.
    expect((await markResolved(db, a.business.id, a.connection.id, [a.items.refund.id, a.items.fee.id, a.items.sale.id], a.owner.id)).sort()).toEqual([a.items.refund.id, a.items.fee.id].sort());

    const audit = await db.select().from(auditEvents).where(eq(auditEvents.businessId, a.business.id));
    expect(audit.map((e) => e.action).sort()).toEqual([READY_TO_SYNC_ACTION, RESOLVED_ACTION].sort());
    const readyEvent = audit.find((e) => e.action === READY_TO_SYNC_ACTION);
    expect(readyEvent).toMatchObject({
      actorUserId: a.owner.id,
      before: { status: "failed", items: [expect.objectContaining({ id: a.items.sale.id, faultCode: "610" })] },
      after: { status: "ready_to_sync", itemIds: [a.items.sale.id] },
    });
    expect(await db.select().from(auditEvents).where(eq(auditEvents.businessId, b.business.id))).toEqual([]);
    expect(await listFailedItems(db, a.business.id, a.connection.id)).toEqual([]);
    expect(await listFailedItems(db, b.business.id, b.connection.id)).toHaveLength(3);
  });
});
