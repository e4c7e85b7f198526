import { mkdtempSync, rmSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { networkInterfaces } from "node:os";
import { once } from "node:events";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, type DbConnection } from "./client";
import { startEmbeddedServer } from "./embedded-server";

/**
 * The embedded PGlite served over the PostgreSQL protocol to several pools at once, as the demo
 * runs it (portal + sync command + migrations). Without prepared statements, concurrent queries
 * from different connections each get their own answer.
 */
let server: Awaited<ReturnType<typeof startEmbeddedServer>>;
let dir: string;
let port: number;
const pools: DbConnection[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "settlebooks-pglite-"));
  const probe = createServer().listen(0, "127.0.0.1");
  await once(probe, "listening");
  port = (probe.address() as { port: number }).port;
  probe.close();
  server = await startEmbeddedServer({ dir, port });
  pools.push(connectDatabase(server.url, { max: 5, prepare: false }), connectDatabase(server.url, { max: 5, prepare: false }));
}, 180_000); // PGlite starts in seconds, but in minutes on a machine busy with other builds

afterAll(async () => {
  for (const pool of pools) await pool.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("embedded database served to several pools", () => {
  it("answers each of many concurrent, different queries with its own rows", async () => {
    const results = await Promise.all(
      Array.from({ length: 120 }, async (_, i) => {
        const { sql } = pools[i % 2];
        const rows =
          i % 3 === 0
            ? await sql`select ${i}::int as n, generate_series(1, 3) as k`
            : i % 3 === 1
              ? await sql`select ${i}::int as n where ${i}::int > -1`
              : await sql`select ${i}::int as n, 'x' as s union all select ${i}::int, 'y'`;
        return { i, n: rows.map((r) => r.n), length: rows.length };
      }),
    );
    for (const r of results) {
      expect(r.length, `query ${r.i}`).toBe(r.i % 3 === 0 ? 3 : r.i % 3 === 1 ? 1 : 2);
      expect(new Set(r.n)).toEqual(new Set([r.i]));
    }
  });

  it("isolates a transaction on one pool from the other", async () => {
    await pools[0].sql`create table if not exists t (v int)`;
    await pools[0].sql.begin(async (tx) => {
      await tx`insert into t values (1)`;
      await tx`select 1`;
      throw new Error("rollback");
    }).catch(() => {});
    const [row] = await pools[1].sql`select count(*)::int as n from t`;
    expect(row.n).toBe(0);
  });
});

/** The machine's own addresses on its networks (not loopback): where the outside would connect. */
const externalAddresses = Object.values(networkInterfaces())
  .flatMap((list) => list ?? [])
  .filter((a) => !a.internal && a.family === "IPv4")
  .map((a) => a.address);

function connects(host: string, target: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port: target });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

describe("embedded database socket", () => {
  it("answers on the loopback interface", async () => {
    expect(await connects("127.0.0.1", port)).toBe(true);
  });

  // Issue 10 item 13: the demo's database (postgres/postgres, no password check) must not be reachable from the network.
  it.skipIf(externalAddresses.length === 0)("does not listen on the machine's network addresses", async () => {
    for (const address of externalAddresses) expect(await connects(address, port), address).toBe(false);
  });
});
