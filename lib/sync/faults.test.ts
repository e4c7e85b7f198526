import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardTransactions, qboConnections, syncItems } from "@/db/schema";
import { syncConnection, type SyncDeps } from "./engine";
import { addConnectedBusiness, createSyncWorld, syncTestDeps, type SyncWorld, type WorldBusiness } from "./testing/sync-world";

/**
 * Each fault injected in the sandbox mid-run ends with exactly one QuickBooks document per
 * processor record, or with a failed item carrying QuickBooks' reason and everything else posted.
 */
const NOW = new Date("2026-11-10T15:00:00Z");
let world: SyncWorld;
let counter = 0;

beforeAll(async () => {
  world = await createSyncWorld();
}, 60_000);
afterAll(() => world?.close());

const deps = (extra: Partial<SyncDeps> = {}): SyncDeps => syncTestDeps(world, NOW, { timeoutMs: 2_000, ...extra });

async function newBusiness(): Promise<WorldBusiness> {
  counter += 1;
  return addConnectedBusiness(world, {
    merchantId: `MID-F${counter}`,
    country: "CA",
    region: "ON",
    currency: "CAD",
    timezone: "America/Toronto",
    days: 3,
    endDate: "2026-11-04",
    connectedOn: "2026-11-01",
    transactionsPerDay: 25,
    depositsThrough: "9999-12-31",
    seed: counter,
  });
}

async function receiptsOf(business: WorldBusiness) {
  const sales = await world.admin<{ DocNumber: string }[]>("GET", `/companies/${business.realmId}/entities/SalesReceipt`);
  const refunds = await world.admin<{ DocNumber: string }[]>("GET", `/companies/${business.realmId}/entities/RefundReceipt`);
  return [...sales, ...refunds];
}

async function transactionCount(business: WorldBusiness): Promise<number> {
  const [row] = await world.db.select({ n: sql<number>`count(*)::int` }).from(cardTransactions).where(eq(cardTransactions.businessId, business.businessId));
  return row.n;
}

async function expectExactlyOnce(business: WorldBusiness) {
  const receipts = await receiptsOf(business);
  const docNumbers = receipts.map((r) => r.DocNumber);
  expect(new Set(docNumbers).size, "no DocNumber twice").toBe(docNumbers.length);
  expect(receipts.length).toBe(await transactionCount(business));
  const notPosted = await world.db
    .select({ status: syncItems.status })
    .from(syncItems)
    .where(and(eq(syncItems.connectionId, business.connectionId), sql`${syncItems.status} <> 'posted'`));
  expect(notPosted).toEqual([]);
}

async function syncItemCount(business: WorldBusiness): Promise<number> {
  const [row] = await world.db.select({ n: sql<number>`count(*)::int` }).from(syncItems).where(eq(syncItems.connectionId, business.connectionId));
  return row.n;
}

const inject = (business: WorldBusiness, fault: unknown) => world.admin("POST", `/companies/${business.realmId}/faults`, fault);

describe("faults injected mid-run", () => {
  for (const status of [500, 503, 429] as const) {
    it(`${status} on the next calls: retried, then everything posted once`, async () => {
      const business = await newBusiness();
      await inject(business, { kind: "http", status, count: 2 });
      const summary = await syncConnection(deps(), { connectionId: business.connectionId, trigger: "cli" });
      expect(summary.status, summary.message).toBe("succeeded");
      await expectExactlyOnce(business);
    });
  }

  it("a call that hangs past the client's timeout", async () => {
    const business = await newBusiness();
    await inject(business, { kind: "hang", count: 1 });
    const summary = await syncConnection(deps({ timeoutMs: 500 }), { connectionId: business.connectionId, trigger: "cli" });
    expect(summary.status, summary.message).toBe("succeeded");
    await expectExactlyOnce(business);
  });

  it("a dropped batch response whose write happened is adopted, not created again", async () => {
    const business = await newBusiness();
    // The first batch reaches QuickBooks and is written, but its answer never comes back.
    let dropped: string[] | undefined;
    const fetchImpl: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!dropped && String(input).includes("/batch")) {
        await response.text();
        const body = JSON.parse(String(init?.body)) as { BatchItemRequest: Record<string, { DocNumber?: string }>[] };
        dropped = body.BatchItemRequest.map((item) => Object.values(item).find((v) => typeof v === "object" && v !== null && "DocNumber" in v)!.DocNumber!);
        throw new TypeError("fetch failed: connection reset");
      }
      return response;
    };
    const summary = await syncConnection(deps({ fetchImpl, retry: { baseDelayMs: 1 } }), { connectionId: business.connectionId, trigger: "cli" });
    expect(summary.status, summary.message).toBe("succeeded");
    expect(dropped?.length).toBeGreaterThan(0);
    // Every document of the dropped batch was found by its DocNumber and adopted…
    expect(summary.adopted).toBe(dropped!.length);
    const receipts = await receiptsOf(business);
    const droppedOnes = receipts.filter((r) => dropped!.includes(r.DocNumber));
    expect(droppedOnes.map((r) => r.DocNumber).sort()).toEqual([...dropped!].sort());
    // …and nothing was created twice.
    const created = Object.values(summary.documentsCreated).reduce((a, n) => a + n, 0);
    expect(created + summary.adopted).toBe((await syncItemCount(business)));
    await expectExactlyOnce(business);
  });

  it("a crash between QuickBooks' answer and the database commit: the next run adopts", async () => {
    const business = await newBusiness();
    let crashed = false;
    const crashingFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!crashed && String(input).includes("/batch")) {
        crashed = true;
        await response.text(); // QuickBooks did the work…
        throw new Error("process killed"); // …and the process died before recording it
      }
      return response;
    };
    const first = await syncConnection(deps({ fetchImpl: crashingFetch, retry: { baseDelayMs: 1, serverAttempts: 0 } }), {
      connectionId: business.connectionId,
      trigger: "cli",
    }).catch((error: { summary?: { status: string } }) => error.summary);
    expect(first?.status).toBe("failed");
    const inFlight = await world.db
      .select({ n: sql<number>`count(*)::int` })
      .from(syncItems)
      .where(and(eq(syncItems.connectionId, business.connectionId), sql`${syncItems.inFlightSince} is not null`));
    expect(inFlight[0].n).toBeGreaterThan(0);

    const second = await syncConnection(deps(), { connectionId: business.connectionId, trigger: "cli" });
    expect(second.status, second.message).toBe("succeeded");
    expect(second.adopted).toBeGreaterThan(0);
    await expectExactlyOnce(business);
  });

  it("an expired access token is refreshed and the run goes on", async () => {
    const business = await newBusiness();
    await inject(business, { kind: "expireAccessTokens" });
    const summary = await syncConnection(deps(), { connectionId: business.connectionId, trigger: "cli" });
    expect(summary.status, summary.message).toBe("succeeded");
    await expectExactlyOnce(business);
  });

  it("a revoked grant stops the run cleanly and asks for reauthorization", async () => {
    const business = await newBusiness();
    await inject(business, { kind: "revokeGrant" });
    const summary = await syncConnection(deps(), { connectionId: business.connectionId, trigger: "cli" });
    expect(summary.status).toBe("stopped");
    expect(summary.message).toMatch(/reauthorize/i);
    const [connection] = await world.db.select().from(qboConnections).where(eq(qboConnections.id, business.connectionId));
    expect(connection.status).toBe("needs_reauthorization");
    expect(await receiptsOf(business)).toEqual([]);
  });

  it("an inactive mapped customer stops the run with one message naming it; nothing is sent", async () => {
    const business = await newBusiness();
    const customers = await world.admin<{ Id: string; DisplayName: string }[]>("GET", `/companies/${business.realmId}/entities/Customer`);
    const mapped = customers.find((c) => c.DisplayName === "Maple Payments Customer")!;
    await inject(business, { kind: "inactive", entity: "Customer", id: mapped.Id });
    const summary = await syncConnection(deps(), { connectionId: business.connectionId, trigger: "cli" });
    expect(summary.status).toBe("stopped");
    expect(summary.message).toContain("Maple Payments Customer");
    expect(summary.brokenMapping?.map((b) => [b.slot, b.problem])).toEqual([["customer", "inactive"]]);
    expect(await receiptsOf(business)).toEqual([]);
    const failed = await world.db.select().from(syncItems).where(and(eq(syncItems.connectionId, business.connectionId), eq(syncItems.status, "failed")));
    expect(failed).toEqual([]);
  });

  it("a customer made inactive after the check fails each receipt with QuickBooks' reason; deposits wait", async () => {
    const business = await newBusiness();
    const customers = await world.admin<{ Id: string; DisplayName: string }[]>("GET", `/companies/${business.realmId}/entities/Customer`);
    const mapped = customers.find((c) => c.DisplayName === "Maple Payments Customer")!;
    // Deactivate it right after the health check's reads: every batch waits for that.
    let deactivation: Promise<unknown> | undefined;
    const fetchImpl: typeof fetch = async (input, init) => {
      if (String(input).includes("/batch")) {
        deactivation ??= inject(business, { kind: "inactive", entity: "Customer", id: mapped.Id });
        await deactivation;
      }
      return fetch(input, init);
    };
    const summary = await syncConnection(deps({ fetchImpl }), { connectionId: business.connectionId, trigger: "cli" });
    expect(summary.status).toBe("partly_failed");
    const failed = await world.db
      .select()
      .from(syncItems)
      .where(and(eq(syncItems.connectionId, business.connectionId), eq(syncItems.status, "failed")));
    expect(failed.length).toBe(await transactionCount(business));
    expect(failed[0].faultCode).toBe("610");
    expect(failed[0].faultMessage).toBeTruthy();
    expect(await receiptsOf(business)).toEqual([]);
    expect(summary.depositsWaiting).toBeGreaterThan(0);
  });

  it("a closed books period fails only what is dated in it; everything else posts", async () => {
    const business = await newBusiness();
    await inject(business, { kind: "closeBooks", before: "2026-11-03" });
    const summary = await syncConnection(deps(), { connectionId: business.connectionId, trigger: "cli" });
    expect(summary.status).toBe("partly_failed");
    const items = await world.db
      .select({ status: syncItems.status, date: syncItems.businessDate, type: syncItems.recordType, fault: syncItems.faultMessage })
      .from(syncItems)
      .where(eq(syncItems.connectionId, business.connectionId));
    const closed = items.filter((i) => i.type === "transaction" && i.date < "2026-11-03");
    const open = items.filter((i) => i.type === "transaction" && i.date >= "2026-11-03");
    expect(closed.length).toBeGreaterThan(0);
    expect(closed.filter((i) => i.status !== "failed" || !i.fault)).toEqual([]);
    expect(open.filter((i) => i.status !== "posted")).toEqual([]);
  });
});
