import postgres from "postgres";
import { connectDatabase } from "../client";
import { migrateDatabase } from "../migrate";
import { TEMPLATE_DATABASE, TEST_SERVER_URL, urlForDatabase } from "./test-database";

/** Vitest global setup: build the migrated template database every database test clones. */
export default async function setup(): Promise<void> {
  const admin = postgres(TEST_SERVER_URL, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists "${TEMPLATE_DATABASE}" with (force)`);
    await admin.unsafe(`create database "${TEMPLATE_DATABASE}"`);
  } catch (error) {
    throw new Error(`Cannot prepare the test database on ${TEST_SERVER_URL}: ${(error as Error).message}. Is PostgreSQL running?`);
  } finally {
    await admin.end();
  }
  const template = connectDatabase(urlForDatabase(TEMPLATE_DATABASE), { max: 1 });
  try {
    await migrateDatabase(template.db);
  } finally {
    await template.close();
  }
}
