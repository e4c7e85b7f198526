import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { connectDatabase, type DbConnection } from "../client";
import { assertLocalServer } from "./local-server";

/** The real PostgreSQL server the suites use (never the embedded PGlite: it runs PostgreSQL 18). */
export const TEST_SERVER_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
/**
 * The migrated template every test database is cloned from: one per vitest run (named by the
 * global setup, handed to workers through the environment), so two runs on one machine never
 * drop each other's template.
 */
function templateDatabase(): string {
  return process.env.SETTLEBOOKS_TEST_TEMPLATE ?? "settlebooks_test_template";
}

export function urlForDatabase(name: string): string {
  const url = new URL(TEST_SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export interface TestDatabase extends DbConnection {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database of its own for one test file, cloned from the migrated template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  assertLocalServer(TEST_SERVER_URL);
  const name = `settlebooks_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(TEST_SERVER_URL, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}" template "${templateDatabase()}"`);
  } finally {
    await admin.end();
  }
  const url = urlForDatabase(name);
  const connection = connectDatabase(url, { max: 5 });
  return {
    ...connection,
    name,
    url,
    async drop() {
      await connection.close();
      const admin2 = postgres(TEST_SERVER_URL, { max: 1, onnotice: () => {} });
      try {
        await admin2.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await admin2.end();
      }
    },
  };
}
