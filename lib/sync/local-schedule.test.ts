import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { cardTransactions, scheduleTicks, syncRuns } from "@/db/schema";
import { LocalSchedule, latestTick, nextTick, type LocalScheduleDeps } from "./local-schedule";
import { claimTick, finishTick, TICK_LEASE_MS } from "./schedule-ticks";
import { addConnectedBusiness, createSyncWorld, UNPACED, type TestSyncWorld } from "./testing/sync-world";

/**
 * The local mode's in-process schedule, on the real PostgreSQL and on the embedded PGlite served
 * over its socket (where every connection shares one session, so only a row in the database can
 * keep two processes from running one tick). The clock is injected: 01:20 in Toronto on
 * 2026-11-21, so the business day 2026-11-20 has ended and nobody has posted it.
 */
const NOW = new Date("2026-11-21T06:20:00Z");

describe("the schedule's ticks (cron instants, UTC)", () => {
  it("names the latest and next tick of each job", () => {
    expect(latestTick("fan-out", NOW).toISOString()).toBe("2026-11-21T06:00:00.000Z");
    expect(nextTick("fan-out", NOW).toISOString()).toBe("2026-11-21T07:00:00.000Z");
    expect(latestTick("keep-alive", NOW).toISOString()).toBe("2026-11-20T07:30:00.000Z");
    // A cron timer firing a few milliseconds early still names its own tick.
    expect(latestTick("fan-out", new Date("2026-11-21T06:59:59.990Z")).toISOString()).toBe("2026-11-21T07:00:00.000Z");
  });
});

describe.each(["postgres", "embedded"] as const)("the local schedule on %s", (database) => {
  let world: TestSyncWorld;
  beforeAll(async () => {
    world = await createSyncWorld({ database });
  }, 120_000);
  afterAll(() => world?.close());

  it("lets exactly one claimant run a tick, and another take it over only once its lease has expired", async () => {
    const other = world.openPool();
    const tick = new Date("2026-11-21T05:00:00Z");
    const claims = await Promise.all(
      Array.from({ length: 6 }, (_, i) => claimTick(i % 2 ? other.db : world.db, { job: "lease-test", tick, claimedBy: `p${i}`, now: NOW })),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    const winner = `p${claims.indexOf(true)}`;

    const later = (ms: number) => new Date(NOW.getTime() + ms);
    expect(await claimTick(other.db, { job: "lease-test", tick, claimedBy: "late", now: later(TICK_LEASE_MS - 60_000) })).toBe(false);
    expect(await claimTick(other.db, { job: "lease-test", tick, claimedBy: "taker", now: later(TICK_LEASE_MS + 60_000) })).toBe(true);
    // The abandoned claimant cannot mark the taken-over tick finished.
    await finishTick(world.db, { job: "lease-test", tick, claimedBy: winner, now: later(TICK_LEASE_MS + 90_000), outcome: "{}" });
    const [row] = await world.db.select().from(scheduleTicks).where(and(eq(scheduleTicks.job, "lease-test"), eq(scheduleTicks.tick, tick)));
    expect(row).toMatchObject({ claimedBy: "taker", finishedAt: null });
    // Finished ticks are never run again, however old.
    await finishTick(other.db, { job: "lease-test", tick, claimedBy: "taker", now: later(TICK_LEASE_MS + 90_000), outcome: "{}" });
    expect(await claimTick(world.db, { job: "lease-test", tick, claimedBy: "much-later", now: later(10 * TICK_LEASE_MS) })).toBe(false);
  });

  it("posts an ended business day by itself, once, though two portal processes run the schedule", async () => {
    const business = await addConnectedBusiness(world, {
      merchantId: `MID-LS-${database}`,
      country: "CA",
      region: "ON",
      currency: "CAD",
      timezone: "America/Toronto",
      days: 3,
      endDate: "2026-11-20",
      connectedOn: "2026-11-18",
      transactionsPerDay: 4,
      depositsThrough: "9999-12-31",
      seed: 21,
    });
    const second = world.openPool();
    const processDeps = (db: LocalScheduleDeps["db"], processId: string): LocalScheduleDeps => ({
      db,
      now: () => NOW,
      sync: { sleep: async () => {}, limitsTimeScale: UNPACED, retry: { baseDelayMs: 1 } },
      catchUpDelayMs: 0,
      processId,
    });
    const portals = [new LocalSchedule(processDeps(() => world.db, "portal-a")), new LocalSchedule(processDeps(() => second.db, "portal-b"))];
    for (const portal of portals) portal.start();

    // Nobody presses anything: the catch-up tick of one of the two processes posts the day.
    const fanOutTick = new Date("2026-11-21T06:00:00Z");
    await vi.waitFor(
      async () => {
        const [row] = await world.db.select().from(scheduleTicks).where(and(eq(scheduleTicks.job, "fan-out"), eq(scheduleTicks.tick, fanOutTick)));
        expect(row?.finishedAt).toBeTruthy();
      },
      { timeout: 90_000, interval: 250 },
    );
    await Promise.all(portals.map((p) => p.stop()));

    const ticks = await world.db.select().from(scheduleTicks).where(eq(scheduleTicks.job, "fan-out"));
    expect(ticks).toHaveLength(1);
    expect(["portal-a", "portal-b"]).toContain(ticks[0].claimedBy);
    const runs = await world.db.select().from(syncRuns).where(eq(syncRuns.connectionId, business.connectionId));
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ trigger: "schedule", throughDate: "2026-11-20", status: "succeeded" });

    // The documents are in QuickBooks, each record once.
    const transactions = await world.db.select().from(cardTransactions).where(eq(cardTransactions.businessId, business.businessId));
    const posted = transactions.filter((t) => t.businessDate >= "2026-11-18" && t.businessDate <= "2026-11-20");
    expect(posted.length).toBeGreaterThan(0);
    const receipts = [
      ...(await world.admin<{ DocNumber: string }[]>("GET", `/companies/${business.realmId}/entities/SalesReceipt`)),
      ...(await world.admin<{ DocNumber: string }[]>("GET", `/companies/${business.realmId}/entities/RefundReceipt`)),
    ];
    expect(receipts).toHaveLength(posted.length);

    // A process started later in the same hour finds the tick taken and runs nothing.
    const late = new LocalSchedule(processDeps(() => second.db, "portal-c"));
    const outcomes = await late.catchUp();
    expect(outcomes.map((o) => [o.job, o.ran])).toEqual([
      ["fan-out", false],
      ["keep-alive", false],
      ["notification-causes", false],
    ]);
    expect(await world.db.select().from(syncRuns).where(eq(syncRuns.connectionId, business.connectionId))).toHaveLength(1);
  }, 120_000);
});
