import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import postgres from "postgres";
import { connectDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { resetEnvForTests } from "@/lib/env";
import { syncConnection } from "@/lib/sync/engine";
import { addConnectedBusiness } from "@/lib/sync/testing/sync-world";

/**
 * `npm run bench:sync`: one generated 10,000-sale day (with its refunds, chargebacks, fees and
 * deposit) posted to one company of the sandbox with QuickBooks' limits on, time compressed.
 * The sandbox runs in its own process so the CPU figure is Settlebooks' alone.
 *
 * Prints documents per (emulated) minute as a fraction of what the limits allow — 40 batch
 * requests of 30 documents a minute = 1,200 documents/min — plus CPU ms and database round trips
 * per document.
 */
const TIME_SCALE = Number(process.env.BENCH_TIME_SCALE ?? 20);
const SALES = Number(process.env.BENCH_SALES ?? 10_000);
const LIMIT_DOCS_PER_MINUTE = 40 * 30;
const SERVER_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const port = (server.address() as { port: number }).port;
  server.close();
  return port;
}

async function main() {
  const port = await freePort();
  const sandbox = spawn("node_modules/.bin/tsx", ["sandbox/src/main.ts"], {
    env: { ...process.env, SANDBOX_PORT: String(port), SANDBOX_TIME_SCALE: String(TIME_SCALE), SANDBOX_LIMITS: "true", SANDBOX_WEBHOOK_URL: "", SANDBOX_CLIENT_ID: "settlebooks-test-client", SANDBOX_CLIENT_SECRET: "settlebooks-test-secret" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const sandboxUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (await fetch(`${sandboxUrl}/_sandbox/companies`).then(() => true, () => false)) break;
    await new Promise((r) => setTimeout(r, 100));
  }

  const name = `settlebooks_bench_${Date.now()}`;
  const admin = postgres(SERVER_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  let roundTrips = 0;
  const database = connectDatabase(url.toString(), { max: 4, onQuery: () => (roundTrips += 1) });
  try {
    await migrateDatabase(database.db);
    Object.assign(process.env, { QBO_ENVIRONMENT: "local", QBO_LOCAL_URL: sandboxUrl, QBO_CLIENT_ID: "settlebooks-test-client", QBO_CLIENT_SECRET: "settlebooks-test-secret" });
    resetEnvForTests();
    const world = {
      db: database.db,
      sandboxUrl,
      async admin<T>(method: string, path: string, body?: unknown): Promise<T> {
        const response = await fetch(`${sandboxUrl}/_sandbox${path}`, { method, headers: { "Content-Type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
        return (await response.json()) as T;
      },
      close: async () => {},
    };
    const business = await addConnectedBusiness(world, {
      merchantId: "MID-BENCH",
      country: "CA",
      region: "ON",
      currency: "CAD",
      timezone: "America/Toronto",
      days: 1,
      endDate: "2026-11-02",
      connectedOn: "2026-11-02",
      transactionsPerDay: SALES,
      depositsThrough: "9999-12-31",
    });

    roundTrips = 0;
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const summary = await syncConnection(
      {
        db: database.db,
        now: () => new Date("2026-11-10T15:00:00Z"),
        limitsTimeScale: TIME_SCALE,
        retry: { baseDelayMs: Math.max(1, Math.round(1000 / TIME_SCALE)), maxThrottleWaits: 10_000 },
      },
      { connectionId: business.connectionId, trigger: "cli" },
    );
    const elapsedMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const documents = Object.values(summary.documentsCreated).reduce((a, b) => a + b, 0);
    const emulatedMinutes = (elapsedMs / 60_000) * TIME_SCALE;
    const perMinute = documents / emulatedMinutes;
    const result = {
      sales: SALES,
      timeScale: TIME_SCALE,
      status: summary.status,
      documents,
      documentsCreated: summary.documentsCreated,
      qboCalls: summary.qboCalls,
      throttledCalls: summary.throttledCalls,
      wallSeconds: Math.round(elapsedMs) / 1000,
      emulatedMinutes: Math.round(emulatedMinutes * 100) / 100,
      documentsPerMinute: Math.round(perMinute),
      fractionOfLimit: Math.round((perMinute / LIMIT_DOCS_PER_MINUTE) * 1000) / 1000,
      cpuMsPerDocument: Math.round(((cpu.user + cpu.system) / 1000 / documents) * 100) / 100,
      dbRoundTripsPerDocument: Math.round((roundTrips / documents) * 1000) / 1000,
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await database.close();
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
    sandbox.kill("SIGTERM");
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
