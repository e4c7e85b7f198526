import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { businesses, qboConnections } from "@/db/schema";
import { connectAppDatabase, ensureDatabase } from "@/lib/database";
import { isIsoDate } from "@/lib/sync/dates";
import { sendSyncRequested } from "@/inngest/send";
import { flushNotificationEmails } from "@/lib/notify/email/background";
import { requestSync } from "@/lib/sync/dispatch";

/**
 * `npm run sync -- --business <merchant id> [--through YYYY-MM-DD]`: syncs one business's
 * QuickBooks connection now and prints the run's JSON summary.
 */
const argsSchema = z.object({
  business: z.string().min(1, "--business <merchant id> is required"),
  through: z
    .string()
    .refine(isIsoDate, "--through must be a date like 2026-11-20")
    .optional(),
});

async function main() {
  const { values } = parseArgs({ options: { business: { type: "string" }, through: { type: "string" } } });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    console.error(parsed.error.issues.map((i) => i.message).join("\n"));
    process.exit(2);
  }
  const database = await ensureDatabase();
  const connection = connectAppDatabase({ max: 4 });
  try {
    const [row] = await connection.db
      .select({ connectionId: qboConnections.id })
      .from(businesses)
      .innerJoin(qboConnections, eq(qboConnections.businessId, businesses.id))
      .where(eq(businesses.merchantId, parsed.data.business));
    if (!row) {
      console.error(`Business ${parsed.data.business} has no QuickBooks connection.`);
      process.exitCode = 1;
      return;
    }
    // The same entry point as Sync now: the event when Inngest is configured, else a run right here (awaited).
    const dispatch = await requestSync({ db: connection.db, send: sendSyncRequested }, { connectionId: row.connectionId, through: parsed.data.through, trigger: "cli" });
    if (dispatch.mode !== "completed") {
      console.log(JSON.stringify(dispatch, null, 2));
      if (dispatch.mode !== "queued") process.exitCode = 1;
      return;
    }
    console.log(JSON.stringify(dispatch.summary, null, 2));
    if (dispatch.summary.status === "failed") process.exitCode = 1;
  } finally {
    // Notifications the run raised leave by SMTP before the process (and its database pool) ends.
    await flushNotificationEmails();
    await connection.close();
    await database.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
