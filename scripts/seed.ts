import { migrateDatabase } from "@/db/migrate";
import { connectAppDatabase, ensureDatabase } from "@/lib/database";
import { env } from "@/lib/env";
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from "@/lib/demo/seed";

/**
 * `tsx scripts/seed.ts`: migrates and fills the database with the demo data set. Refuses to run
 * against production: demo users with a published password must never exist there.
 */
async function main(): Promise<number> {
  // NODE_ENV is the conventional production switch of Node tooling; APP_ENV is the app's own.
  if (env().NODE_ENV === "production" || env().APP_ENV === "production") {
    console.error("Refusing to seed: NODE_ENV or APP_ENV is production. The demo seed creates users with a published password.");
    return 1;
  }
  const database = await ensureDatabase();
  const connection = connectAppDatabase({ max: 2 });
  try {
    await migrateDatabase(connection.db);
    const summary = await seedDemo(connection.db);
    for (const b of summary.businesses) {
      console.log(`${b.merchantId}: activity ${b.from} … ${b.to}: ${b.accepted} new records, ${b.duplicates} already present`);
    }
    console.log(`\nDemo sign-ins (password: ${DEMO_PASSWORD}):`);
    for (const user of DEMO_USERS) console.log(`  ${user.email.padEnd(26)} ${user.description}`);
    return 0;
  } finally {
    await connection.close();
    await database.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
