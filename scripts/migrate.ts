import { migrateDatabase } from "@/db/migrate";
import { connectAppDatabase, ensureDatabase } from "@/lib/database";

/** `npm run db:migrate`: applies the committed migrations to DATABASE_URL or the embedded database. */
async function main() {
  const database = await ensureDatabase();
  const connection = connectAppDatabase({ max: 1 });
  try {
    await migrateDatabase(connection.db);
    console.log("Migrations applied.");
  } finally {
    await connection.close();
    await database.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
