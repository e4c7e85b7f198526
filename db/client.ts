import "server-only";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

export type Db = PostgresJsDatabase<typeof schema>;
/** A database handle or an open transaction: queries accept either. */
export type DbOrTx = Db | Parameters<Parameters<Db["transaction"]>[0]>[0];

export interface DbConnection {
  db: Db;
  sql: postgres.Sql;
  close(): Promise<void>;
}

/** One postgres.js pool: the only driver, whether the server is PostgreSQL or the embedded PGlite. */
export function connectDatabase(url: string, options: { max?: number; onQuery?: () => void; prepare?: boolean } = {}): DbConnection {
  const sql = postgres(url, {
    max: options.max ?? 10,
    prepare: options.prepare ?? true,
    onnotice: () => {},
    // Benchmarks count database round trips through this hook.
    debug: options.onQuery ? () => options.onQuery!() : undefined,
  });
  const db = drizzle(sql, { schema });
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}
