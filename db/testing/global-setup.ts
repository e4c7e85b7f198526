import postgres from "postgres";
import { connectDatabase } from "../client";
import { migrateDatabase } from "../migrate";
import { assertLocalServer } from "./local-server";
import { TEST_SERVER_URL, urlForDatabase } from "./test-database";

/**
 * Vitest global setup: build this run's migrated template database (every test database clones it)
 * and drop it when the run ends (each test file drops its own database).
 */
export default async function setup(): Promise<() => Promise<void>> {
  assertLocalServer(TEST_SERVER_URL);
  const template = `settlebooks_test_template_${process.pid}`;
  process.env.SETTLEBOOKS_TEST_TEMPLATE = template;
  const admin = () => postgres(TEST_SERVER_URL, { max: 1, onnotice: () => {} });
  const sql = admin();
  try {
    await sql.unsafe(`drop database if exists "${template}" with (force)`);
    await sql.unsafe(`create database "${template}"`);
  } catch (error) {
    throw new Error(`Cannot prepare the test database on ${TEST_SERVER_URL}: ${(error as Error).message}. Is PostgreSQL running?`);
  } finally {
    await sql.end();
  }
  const connection = connectDatabase(urlForDatabase(template), { max: 1 });
  try {
    await migrateDatabase(connection.db);
  } finally {
    await connection.close();
  }
  return async () => {
    const sql2 = admin();
    try {
      await sql2.unsafe(`drop database if exists "${template}" with (force)`);
    } finally {
      await sql2.end();
    }
  };
}
