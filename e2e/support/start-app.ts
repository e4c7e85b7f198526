import { spawn } from "node:child_process";
import postgres from "postgres";
import { connectDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { assertLocalServer } from "@/db/testing/local-server";
import { seedDemo } from "@/lib/demo/seed";

/**
 * Playwright's web server: a fresh database on the real PostgreSQL, migrated and seeded with the
 * demo data, then the built portal on E2E_PORT pointed at it.
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
  await connection.close();

  const server = spawn("node_modules/.bin/next", ["start", "-p", process.env.E2E_PORT ?? "3100"], {
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: url.toString() },
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
