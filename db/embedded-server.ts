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
  const pglite = await PGlite.create(options.dir);
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
