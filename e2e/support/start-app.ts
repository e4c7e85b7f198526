import { spawn } from "node:child_process";
import postgres from "postgres";
import { connectDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { assertLocalServer } from "@/db/testing/local-server";
import { SandboxClient } from "@/lib/demo/sandbox-client";
import { seedDemo } from "@/lib/demo/seed";
import { seedShowcase } from "@/lib/demo/showcase";
import { env } from "@/lib/env";

/**
 * Playwright's web server: a fresh database on the real PostgreSQL, migrated and seeded with the
 * demo data — the showcase business MID-4004 posted through the sync engine against the e2e
 * sandbox (Playwright's first web server) — then the built portal on E2E_PORT pointed at it.
 */
const SERVER_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
// E2E_DATABASE lets two checkouts on one machine run their browser tests side by side.
const DATABASE = process.env.E2E_DATABASE ?? "settlebooks_e2e";

async function main() {
  assertLocalServer(SERVER_URL);
  const admin = postgres(SERVER_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${DATABASE}" with (force)`);
  await admin.unsafe(`create database "${DATABASE}"`);
  await admin.end();
  const url = new URL(SERVER_URL);
  url.pathname = `/${DATABASE}`;
  const connection = connectDatabase(url.toString(), { max: 2 });
  await migrateDatabase(connection.db);
  await seedDemo(connection.db);
  const sandbox = new SandboxClient(env().QBO_LOCAL_URL);
  await sandbox.waitUntilUp();
  const seedingStarted = Date.now();
  const showcase = await seedShowcase(connection.db);
  console.log(`Showcase ${showcase.merchantId} seeded in ${Math.round((Date.now() - seedingStarted) / 1000)} s: realm ${showcase.realmId}, ${showcase.runs} daily syncs.`);
  await connection.close();

  const server = spawn("node_modules/.bin/next", ["start", "-p", process.env.E2E_PORT ?? "3100"], {
    stdio: "inherit",
    // No schedule of its own: the browser tests drive every sync (Sync now), so nothing posts behind their back.
    env: { ...process.env, DATABASE_URL: url.toString(), SYNC_SCHEDULE: process.env.SYNC_SCHEDULE ?? "off" },
  });
  const stop = () => server.kill("SIGTERM");
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  server.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
