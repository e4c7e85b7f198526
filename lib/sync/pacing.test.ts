import { afterAll, beforeAll, expect, it } from "vitest";
import { syncConnection } from "./engine";
import { addConnectedBusiness, createSyncWorld, syncTestDeps, type SyncWorld } from "./testing/sync-world";

/**
 * The pacer against the sandbox's own rate limiter (QuickBooks' limits, counted on arrival in a
 * sliding window), time compressed 10× so the test takes seconds: a small company's first sync —
 * health check, references, a week of receipts and deposits — meets no 429.
 */
const TIME_SCALE = 10;
let world: SyncWorld;

beforeAll(async () => {
  world = await createSyncWorld({ limits: true, timeScale: TIME_SCALE });
}, 60_000);
afterAll(() => world?.close());

it("a small company's first sync meets no 429 from the sandbox's rate limiter", async () => {
  const business = await addConnectedBusiness(world, {
    merchantId: "MID-PACE",
    country: "CA",
    region: "ON",
    currency: "CAD",
    timezone: "America/Toronto",
    days: 7,
    endDate: "2026-11-08",
    connectedOn: "2026-11-02",
    transactionsPerDay: 40,
    depositsThrough: "9999-12-31",
  });
  const deps = syncTestDeps(world, new Date("2026-11-10T15:00:00Z"), { limitsTimeScale: TIME_SCALE, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) });
  const summary = await syncConnection(deps, { connectionId: business.connectionId, trigger: "cli" });
  expect(summary.status, summary.message).toBe("succeeded");
  expect(summary.qboCalls).toBeGreaterThan(10);
  expect(summary.throttledCalls).toBe(0);
}, 120_000);
