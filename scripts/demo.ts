import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { migrateDatabase } from "@/db/migrate";
import { connectAppDatabase, ensureDatabase } from "@/lib/database";
import { LOCALHOST } from "@/lib/demo/localhost";
import { SandboxClient } from "@/lib/demo/sandbox-client";
import { seedShowcase } from "@/lib/demo/showcase";
import { env } from "@/lib/env";
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from "@/lib/demo/seed";
import { startMailCatcher } from "./mail-catcher";

/**
 * `npm run demo`: the whole product on one machine with nothing installed. This process serves the
 * embedded PGlite database (unless DATABASE_URL is set) to every other process over the PostgreSQL
 * protocol, migrates and seeds it, starts the QuickBooks sandbox, posts the showcase business's
 * month through the sync engine against it, builds the portal once, and serves it on
 * http://localhost:<PORT>. Everything listens on the loopback interface only. Ctrl-C stops everything.
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

/** Waits until the portal answers its sign-in page (the first request also warms it up). */
async function waitForPortal(url: string, child: ChildProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The portal stopped (exit code ${child.exitCode}).`);
    try {
      if ((await fetch(`${url}/signin`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`The portal did not answer on ${url} within ${timeoutMs / 1000} s.`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

async function main() {
  const started = Date.now();
  const e = env();
  const appUrl = e.APP_URL.replace(/\/$/, "");
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
  console.log(`Demo businesses seeded (${Math.round((Date.now() - started) / 1000)} s since start).`);

  // Notification emails: caught by maildev (SMTP_URL defaults to it in development).
  const mail = startMailCatcher(e);
  children.push(mail.child);

  // The sandbox's demo app follows the portal's URL (redirect and webhooks). Its state is kept on
  // disk, so the showcase company survives restarts. QuickBooks' per-minute limits are off unless
  // SANDBOX_LIMITS says otherwise: they would spread the showcase's month of daily syncs over minutes.
  run("node_modules/.bin/tsx", ["sandbox/src/main.ts"], {
    SANDBOX_PORT: String(e.SANDBOX_PORT),
    SANDBOX_HOST: LOCALHOST,
    SANDBOX_DATA_FILE: ".data/sandbox.json",
    SANDBOX_REDIRECT_URIS: `${appUrl}/api/quickbooks/callback`,
    SANDBOX_WEBHOOK_URL: `${appUrl}/api/quickbooks/webhooks`,
    SANDBOX_LIMITS: process.env.SANDBOX_LIMITS ?? "false",
  });
  const sandbox = new SandboxClient(e.QBO_LOCAL_URL);
  await sandbox.waitUntilUp();
  const showcaseStarted = Date.now();
  const showcase = await seedShowcase(connection.db, { log: (line) => console.log(line) });
  console.log(`Showcase ${showcase.merchantId} seeded and posted in ${Math.round((Date.now() - showcaseStarted) / 1000)} s (${showcase.runs} daily syncs this time).`);
  await connection.close();

  if (!existsSync(".next/BUILD_ID") || process.argv.includes("--rebuild")) {
    console.log("Building the portal (first run only; `npm run demo -- --rebuild` builds again)…");
    await runToEnd("node_modules/.bin/next", ["build"]);
  }
  // `next start` sets NODE_ENV=production, which requires an explicit APP_ENV (lib/env.ts).
  const portal = run("node_modules/.bin/next", ["start", "-p", String(e.PORT), "-H", LOCALHOST], { APP_ENV: e.APP_ENV });
  await waitForPortal(`http://${LOCALHOST}:${e.PORT}`, portal);

  console.log(`
Notification emails: read them at ${mail.inboxUrl}   (SMTP ${e.SMTP_URL}; JSON at ${mail.inboxUrl}/api/email)
Sign in with any of these (password: ${DEMO_PASSWORD}):
${DEMO_USERS.map((u) => `  ${u.email.padEnd(28)} ${u.description}`).join("\n")}

Showcase business ${showcase.merchantId} (${showcase.companyName}): connected on ${showcase.connectedOn}, its days posted to QuickBooks.
QuickBooks sandbox: ${showcase.sandboxLogin.url}   sign in as ${showcase.sandboxLogin.email} / ${showcase.sandboxLogin.password}   realm id ${showcase.realmId}
(ready in ${Math.round((Date.now() - started) / 1000)} s)

Settlebooks demo ready: http://localhost:${e.PORT}
`);
}

main().catch(async (error) => {
  console.error(error instanceof Error ? error.message : error);
  for (const child of children) child.kill("SIGTERM");
  process.exit(1);
});
