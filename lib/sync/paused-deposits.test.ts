import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, qboPauses, settlementDeposits } from "@/db/schema";
import { monthStatement } from "@/lib/reconcile/month-statement";
import { syncConnection } from "./engine";
import { decidePausedDeposit, PausedDepositNotOfferedError, pausedDepositOffers, PAUSED_DEPOSIT_SENT } from "./paused-deposits";
import { addConnectedBusiness, createSyncWorld, syncTestDeps, type SyncWorld, type WorldBusiness } from "./testing/sync-world";

/**
 * A pause over 2026-10-16..20: the deposit of the 16th settles receipts posted before the pause.
 * The reconciliation lists it; after the resume the owner is offered it, sends it, and it ties in
 * QuickBooks; deposits settling receipts of the paused days are never offered.
 */
const NOW = new Date("2026-11-10T15:00:00Z");
let world: SyncWorld;
beforeAll(async () => {
  world = await createSyncWorld();
}, 60_000);
afterAll(() => world?.close());

/**
 * Each test's own business: posted through the 15th, paused 16..20, resumed on the 21st and synced,
 * so no test sees a deposit another test sent.
 */
async function businessWithPause(merchantId: string): Promise<WorldBusiness> {
  const business = await addConnectedBusiness(world, {
    merchantId,
    country: "CA",
    region: "ON",
    currency: "CAD",
    timezone: "America/Toronto",
    days: 30,
    endDate: "2026-10-31",
    connectedOn: "2026-10-02",
    depositsThrough: "9999-12-31",
    transactionsPerDay: 3,
  });
  const first = await syncConnection(syncTestDeps(world, NOW), { connectionId: business.connectionId, trigger: "cli", through: "2026-10-15" });
  expect(first.status, first.message).toBe("succeeded");
  await world.db.insert(qboPauses).values({ connectionId: business.connectionId, pausedFrom: "2026-10-16", resumedOn: "2026-10-21" });
  const second = await syncConnection(syncTestDeps(world, NOW), { connectionId: business.connectionId, trigger: "cli" });
  expect(second.status, second.message).toBe("succeeded");
  return business;
}

// Two full syncs against the sandbox per test: more than the default 30 s on a busy machine.
describe("deposits a pause kept out", { timeout: 120_000 }, () => {
  it("are listed by the reconciliation with what they leave in Undeposited Funds, and offered once resumed", async () => {
    const business = await businessWithPause("MID-PD-1");
    const report = await monthStatement(world.db, business.api, { businessId: business.businessId, connectionId: business.connectionId, month: "2026-10" });
    expect(report.unexplained).toEqual([]);
    expect(report.pausedDeposits.length).toBeGreaterThan(0);
    for (const p of report.pausedDeposits) expect(p.depositDate >= "2026-10-16" && p.depositDate <= "2026-10-20").toBe(true);

    const offers = await pausedDepositOffers(world.db, business.businessId, business.connectionId);
    expect(offers.length).toBeGreaterThan(0);
    // Only those settling receipts already in QuickBooks: the ones the reconciliation says can be sent.
    expect(offers.map((o) => o.processorId).sort()).toEqual(report.pausedDeposits.filter((p) => p.canBeSent).map((p) => p.processorId).sort());
    const offered = report.pausedDeposits.find((p) => p.processorId === offers[0].processorId)!;
    expect(offered.leftInUndepositedFundsMinor).toBe(offers[0].receiptsMinor);
  });

  it("a deposit the owner sends is posted by the next sync and ties to the bank; the choice is audited and not offered again", async () => {
    const business = await businessWithPause("MID-PD-2");
    const [offer] = await pausedDepositOffers(world.db, business.businessId, business.connectionId);
    // The generated business's owner decides.
    const [ownerRow] = await world.db.execute<{ id: string }>(sql`select m.user_id as id from memberships m where m.business_id = ${business.businessId} and m.role = 'owner' limit 1`);
    await decidePausedDeposit(world.db, { businessId: business.businessId, connectionId: business.connectionId, depositId: offer.depositId, decision: "send", actorUserId: ownerRow.id });
    await expect(
      decidePausedDeposit(world.db, { businessId: business.businessId, connectionId: business.connectionId, depositId: offer.depositId, decision: "keep_out", actorUserId: ownerRow.id }),
    ).rejects.toBeInstanceOf(PausedDepositNotOfferedError);

    const summary = await syncConnection(syncTestDeps(world, NOW), { connectionId: business.connectionId, trigger: "cli" });
    expect(summary.status, summary.message).toBe("succeeded");
    const deposits = await world.admin<{ TotalAmt: number; PrivateNote: string }[]>("GET", `/companies/${business.realmId}/entities/Deposit`);
    const [row] = await world.db.select().from(settlementDeposits).where(and(eq(settlementDeposits.businessId, business.businessId), eq(settlementDeposits.id, offer.depositId)));
    expect(deposits.filter((d) => d.PrivateNote === row.processorId).map((d) => Math.round(d.TotalAmt * 100))).toEqual([row.amountMinor]);

    const audit = await world.db.select().from(auditEvents).where(and(eq(auditEvents.businessId, business.businessId), eq(auditEvents.action, PAUSED_DEPOSIT_SENT)));
    expect(audit).toHaveLength(1);
    expect(audit[0].after).toMatchObject({ depositId: offer.depositId, amountMinor: row.amountMinor });
    expect((await pausedDepositOffers(world.db, business.businessId, business.connectionId)).map((o) => o.depositId)).not.toContain(offer.depositId);

    const report = await monthStatement(world.db, business.api, { businessId: business.businessId, connectionId: business.connectionId, month: "2026-10" });
    expect(report.pausedDeposits.map((p) => p.processorId)).not.toContain(row.processorId);
    expect(report.unexplained).toEqual([]);
  });
});
