import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/**
 * Serves one embedded PGlite database over the PostgreSQL wire protocol.
 *
 * PGlite is single-process: two processes opening the same folder both "succeed" and one's writes
 * are silently lost. So exactly one process opens the folder and every other process (portal,
 * sync command, migrations) connects through this socket with the ordinary postgres driver.
 */
export async function startEmbeddedServer(options: { dir: string; port: number; host?: string }) {
  mkdirSync(options.dir, { recursive: true });
  const pglite = keepExtendedQueriesWhole(await PGlite.create(options.dir));
  const server = new PGLiteSocketServer({
    db: pglite,
    port: options.port,
    host: options.host ?? "127.0.0.1",
    maxConnections: 64,
  });
  await server.start();
  return {
    url: `postgres://postgres:postgres@${options.host ?? "127.0.0.1"}:${options.port}/postgres`,
    async stop() {
      await server.stop();
      await pglite.close();
    },
  };
}

const SYNC = "S".charCodeAt(0);
const SIMPLE_QUERY = "Q".charCodeAt(0);

/**
 * pglite-socket 0.2.17 queues protocol *messages* from all connections on PGlite's one session and
 * keeps a connection's turn only while a transaction is open. A driver's extended query is several
 * messages (Parse, Bind, Describe, Execute … Sync), so two connections' queries interleave and get
 * each other's results ("bind message supplies 1 parameters, but prepared statement requires 0").
 *
 * Its queue asks `isInTransaction()` whether to keep serving the same connection: answering "yes"
 * also while a connection's extended query is unfinished (since its last Sync) makes each query
 * whole. A connection that drops mid-query is cleaned up by the queue with a ROLLBACK, which also
 * ends the open sequence here.
 */
function keepExtendedQueriesWhole(db: PGlite): PGlite {
  let sequenceOpen = false;
  const isInTransaction = db.isInTransaction.bind(db);
  const execProtocolRawStream = db.execProtocolRawStream.bind(db);
  const exec = db.exec.bind(db);
  db.isInTransaction = () => sequenceOpen || isInTransaction();
  db.execProtocolRawStream = async (message, options) => {
    const type = message[0];
    const isTyped = type >= 0x41 && type <= 0x7a; // startup messages begin with a length, not a letter
    try {
      return await execProtocolRawStream(message, options);
    } finally {
      sequenceOpen = isTyped && type !== SYNC && type !== SIMPLE_QUERY;
    }
  };
  db.exec = async (query, options) => {
    if (/^\s*rollback\s*$/i.test(query)) sequenceOpen = false;
    return exec(query, options);
  };
  return db;
}
