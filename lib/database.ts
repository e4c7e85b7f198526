import "server-only";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createConnection } from "node:net";
import path from "node:path";
import { connectDatabase, type Db, type DbConnection } from "@/db/client";
import { startEmbeddedServer } from "@/db/embedded-server";
import { env } from "./env";

/** Where the app's database is: DATABASE_URL, or the embedded PGlite served on EMBEDDED_DB_PORT. */
export function databaseUrl(): string {
  const e = env();
  return e.DATABASE_URL ?? `postgres://postgres:postgres@127.0.0.1:${e.EMBEDDED_DB_PORT}/postgres`;
}

/**
 * A pool on the app's database. On the embedded PGlite, statements are not prepared: every client
 * connection of the socket server shares PGlite's one session, so postgres.js's per-connection
 * statement names ("s1", "s2"…) would collide between connections and run each other's queries.
 */
export function connectAppDatabase(options: { max?: number } = {}): DbConnection {
  return connectDatabase(databaseUrl(), { ...options, prepare: Boolean(env().DATABASE_URL) });
}

let shared: DbConnection | undefined;

/** The process-wide pool, opened on first use (never at import: `next build` imports routes). */
export function getDb(): Db {
  shared ??= connectAppDatabase();
  return shared.db;
}

export async function closeDb(): Promise<void> {
  await shared?.close();
  shared = undefined;
}

function portAcceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Makes sure the database answers. With DATABASE_URL nothing is started. Otherwise, when no process
 * serves the embedded folder yet, this process becomes its server (guarded by a lock file holding
 * its pid) and keeps serving it until `stop` — so the portal, the sync command and a migration can
 * all touch the embedded database at the same time through one owner.
 */
export async function ensureDatabase(): Promise<{ url: string; startedHere: boolean; stop(): Promise<void> }> {
  const e = env();
  const url = databaseUrl();
  if (e.DATABASE_URL || (await portAcceptsConnections(e.EMBEDDED_DB_PORT))) {
    return { url, startedHere: false, stop: async () => {} };
  }
  const dir = path.resolve(e.EMBEDDED_DB_DIR);
  mkdirSync(path.dirname(dir), { recursive: true });
  const lockFile = `${dir}.lock`;
  if (existsSync(lockFile)) {
    const owner = Number(readFileSync(lockFile, "utf8"));
    if (owner && owner !== process.pid && processIsAlive(owner)) {
      throw new Error(
        `The embedded database in ${dir} is held by process ${owner}, which does not answer on port ${e.EMBEDDED_DB_PORT}. Stop it and try again.`,
      );
    }
    rmSync(lockFile, { force: true });
  }
  writeFileSync(lockFile, String(process.pid), { flag: "wx" });
  const server = await startEmbeddedServer({ dir, port: e.EMBEDDED_DB_PORT });
  const release = () => rmSync(lockFile, { force: true });
  process.once("exit", release);
  return {
    url,
    startedHere: true,
    async stop() {
      await server.stop();
      release();
    },
  };
}
