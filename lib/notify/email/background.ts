import type { Db } from "@/db/client";
import { usesInngest } from "@/lib/sync/dispatch";
import { deliverPendingEmails } from "./deliver";

/** Pauses between in-process delivery passes while a send keeps failing. */
const RETRY_DELAYS_MS = [2_000, 10_000, 30_000, 60_000];

const running = new Set<Promise<void>>();

/**
 * Sends the waiting emails in the background of this process, with retries. In Inngest mode the
 * deliver-notification-emails function does it (with Inngest's retries), so nothing runs here.
 * A failure is logged, never thrown: an email that cannot leave must not fail the sync that
 * raised it.
 */
export function scheduleEmailDelivery(db: Db): void {
  if (usesInngest()) return;
  const task = (async () => {
    for (let pass = 0; ; pass += 1) {
      const outcome = await deliverPendingEmails(db);
      if (outcome.failed > 0) console.error(`notification emails: ${outcome.failed} could not be sent after the last attempt`);
      if (outcome.retrying === 0 || pass >= RETRY_DELAYS_MS.length) return;
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[pass]));
    }
  })().catch((error: unknown) => console.error("notification emails:", error instanceof Error ? error.message : error));
  running.add(task);
  void task.finally(() => running.delete(task));
}

/** Waits until every background delivery of this process has finished (the CLI, before it exits). */
export async function flushNotificationEmails(): Promise<void> {
  while (running.size > 0) await Promise.all([...running]);
}
