import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { migrateDatabase } from "@/db/migrate";
import { connectAppDatabase, ensureDatabase } from "@/lib/database";
import { env } from "@/lib/env";
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from "@/lib/demo/seed";

/**
 * `npm run demo`: the whole product on one machine with nothing installed. This process serves the
 * embedded PGlite database (unless DATABASE_URL is set) to every other process over the PostgreSQL
 * protocol, migrates and seeds it, starts the QuickBooks sandbox, builds the portal once, and
 * serves it on http://localhost:3000. Ctrl-C stops everything.
 */
const children: ChildProcess[] = [];

function run(command: string, args: string[], extraEnv: Record<string, string> = {}): ChildProcess {
  const child = spawn(command, args, { stdio: "inherit", env: { ...process.env, ...extraEnv } });
  children.push(child);
  return child;
}

function runToEnd(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    run(command, args).once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code}`))));
  });
}

async function main() {
  const e = env();
  const database = await ensureDatabase();
  const shutdown = async () => {
    for (const child of children) child.kill("SIGTERM");
    await database.stop();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);

  console.log(database.startedHere ? `Embedded database (PGlite) in ${e.EMBEDDED_DB_DIR}, served on ${database.url}` : `Database: ${database.url.replace(/:[^:@/]*@/, ":***@")}`);
  const connection = connectAppDatabase({ max: 2 });
  await migrateDatabase(connection.db);
  await seedDemo(connection.db);
  await connection.close();

  run("node_modules/.bin/tsx", ["sandbox/src/main.ts"], { SANDBOX_DATA_FILE: ".data/sandbox.json" });

  if (!existsSync(".next/BUILD_ID") || process.argv.includes("--rebuild")) {
    console.log("Building the portal (first run only; `npm run demo -- --rebuild` builds again)…");
    await runToEnd("node_modules/.bin/next", ["build"]);
  }
  // `next start` sets NODE_ENV=production, which requires an explicit APP_ENV (lib/env.ts).
  run("node_modules/.bin/next", ["start", "-p", "3000"], { APP_ENV: e.APP_ENV });

  console.log(`
Settlebooks demo: http://localhost:3000   (QuickBooks sandbox: ${e.QBO_LOCAL_URL})
Sign in with any of these (password: ${DEMO_PASSWORD}):
${DEMO_USERS.map((u) => `  ${u.email.padEnd(28)} ${u.description}`).join("\n")}
`);
}

main().catch(async (error) => {
  console.error(error instanceof Error ? error.message : error);
  for (const child of children) child.kill("SIGTERM");
  process.exit(1);
});
