import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { qboConnections, qboMappingVersions, settlementDeposits } from "@/db/schema";
import { syncConnection } from "./engine";
import { previewDay, type PreviewInput } from "./preview";
import { addConnectedBusiness, createSyncWorld, syncTestDeps, type SyncWorld, type WorldBusiness } from "./testing/sync-world";

/**
 * The preview against the sandbox: the latest ended day of real generated activity, built by the
 * engine's builders, balanced, its deposit equal to the processor's, and nothing written to
 * QuickBooks (the company's documents and references are unchanged).
 */
const NOW = new Date("2026-11-10T15:00:00Z");
let world: SyncWorld;
let business: WorldBusiness;

beforeAll(async () => {
  world = await createSyncWorld();
  business = await addConnectedBusiness(world, {
    merchantId: "MID-PV",
    country: "CA",
    region: "QC",
    currency: "CAD",
    timezone: "America/Montreal",
    days: 10,
    endDate: "2026-11-09",
    connectedOn: "2026-11-03",
    depositsThrough: "9999-12-31",
  });
}, 120_000);
afterAll(() => world?.close());

async function input(): Promise<PreviewInput> {
  const [connection] = await world.db.select().from(qboConnections).where(eq(qboConnections.id, business.connectionId));
  const [m] = await world.db.select().from(qboMappingVersions).where(eq(qboMappingVersions.connectionId, business.connectionId));
  return {
    businessId: business.businessId,
    timezone: "America/Montreal",
    connection: { id: connection.id, connectedOn: connection.connectedOn, usesUsSalesTax: false, automatedSalesTax: false },
    mapping: {
      bankAccountId: m.bankAccountId,
      revenueAccountId: m.revenueAccountId,
      expenseAccountId: m.expenseAccountId,
      customerId: m.customerId,
      taxCodeId: m.taxCodeId,
      names: { bank: m.bankAccountName, revenue: m.revenueAccountName, expense: m.expenseAccountName, customer: m.customerName, taxCode: m.taxCodeName },
    },
    processorName: "Maple Payments",
    now: NOW,
  };
}

const countEntities = async (entity: string) => (await world.admin<unknown[]>("GET", `/companies/${business.realmId}/entities/${entity}`)).length;

describe("previewDay", () => {
  it("shows the latest ended day as the engine would post it, balanced, writing nothing", async () => {
    const before = await Promise.all(["SalesReceipt", "RefundReceipt", "Deposit", "Item", "PaymentMethod"].map(countEntities));
    const preview = await previewDay(world.db, business.api, await input());
    expect(preview).not.toBeNull();
    expect(preview!.businessDate).toBe("2026-11-09");
    expect(preview!.refused).toEqual([]);
    expect(preview!.documents.length).toBeGreaterThan(0);
    for (const document of preview!.documents) {
      expect(document.journal.totalDebitMinor, document.processorId).toBe(document.journal.totalCreditMinor);
      expect(document.journal.totalDebitMinor).toBeGreaterThan(0);
    }
    // Nothing was created in QuickBooks by the preview.
    expect(await Promise.all(["SalesReceipt", "RefundReceipt", "Deposit", "Item", "PaymentMethod"].map(countEntities))).toEqual(before);
  });

  it("ties each deposit of the day to what the processor paid, and matches what the engine then posts", async () => {
    const preview = (await previewDay(world.db, business.api, await input()))!;
    const deposits = preview.documents.filter((d) => d.entity === "Deposit");
    expect(deposits.length).toBeGreaterThan(0);
    for (const deposit of deposits) {
      const [row] = await world.db
        .select()
        .from(settlementDeposits)
        .where(and(eq(settlementDeposits.businessId, business.businessId), eq(settlementDeposits.processorId, deposit.processorId)));
      expect(deposit.totalMinor).toBe(row.amountMinor);
      expect(deposit.tieOut).toMatchObject({ ties: true, paidToBankMinor: row.amountMinor, netMinor: row.amountMinor });
      // The bank line of the journal is the deposit.
      expect(deposit.journal.lines.find((l) => l.role === "bank")?.debitMinor).toBe(row.amountMinor);
    }
    // The engine posts the same receipts with the same DocNumbers and totals.
    const summary = await syncConnection(syncTestDeps(world, NOW), { connectionId: business.connectionId, trigger: "cli" });
    expect(summary.status, summary.message).toBe("succeeded");
    const posted = [
      ...(await world.admin<{ DocNumber: string; TotalAmt: number }[]>("GET", `/companies/${business.realmId}/entities/SalesReceipt`)),
      ...(await world.admin<{ DocNumber: string; TotalAmt: number }[]>("GET", `/companies/${business.realmId}/entities/RefundReceipt`)),
    ];
    const byDocNumber = new Map(posted.map((r) => [r.DocNumber, Math.round(r.TotalAmt * 100)]));
    for (const receipt of preview.documents.filter((d) => d.entity === "SalesReceipt" || d.entity === "RefundReceipt")) {
      expect(byDocNumber.get(receipt.docNumber), receipt.processorId).toBe(receipt.totalMinor);
    }
  });
});
