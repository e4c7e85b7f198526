import { cron } from "inngest";
import type { Db } from "@/db/client";
import { getDb } from "@/lib/database";
import { checkScheduledCauses } from "@/lib/notify/causes";
import { deliverPendingEmails } from "@/lib/notify/email/deliver";
import type { MailSender } from "@/lib/notify/email/transport";
import { NOTIFICATION_CAUSES_CRON } from "@/lib/sync/scheduled-jobs";
import { inngest } from "../client";
import { notificationsRaised } from "../events";

export interface NotificationFunctionsDeps {
  db: () => Db;
  now?: () => Date;
  /** Replaces SMTP (tests). */
  send?: MailSender;
}

/**
 * Inngest mode's email sender: every minute (and at once when asked by event) it hands the waiting
 * notification emails to SMTP. A pass that leaves emails to retry throws, so Inngest retries it
 * with its back-off; each email also counts its own attempts and is given up after the last one.
 */
export function createDeliverNotificationEmails(deps: NotificationFunctionsDeps) {
  return inngest.createFunction(
    {
      id: "deliver-notification-emails",
      name: "Send notification emails",
      triggers: [cron("* * * * *"), notificationsRaised],
      concurrency: { limit: 1 },
      retries: 4,
    },
    async ({ step }) => {
      return step.run("deliver", async () => {
        const outcome = await deliverPendingEmails(deps.db(), { send: deps.send });
        if (outcome.retrying > 0) throw new Error(`${outcome.retrying} notification emails could not be sent yet; retrying.`);
        return outcome;
      });
    },
  );
}

/** Hourly: the causes found by looking (token hard expiry, pause limit, no successful sync for 48 hours). */
export function createCheckNotificationCauses(deps: NotificationFunctionsDeps) {
  return inngest.createFunction(
    { id: "check-notification-causes", name: "Check notification causes", triggers: [cron(NOTIFICATION_CAUSES_CRON)], concurrency: { limit: 1 } },
    async ({ step }) => step.run("check", () => checkScheduledCauses(deps.db(), deps.now?.() ?? new Date())),
  );
}

export const deliverNotificationEmails = createDeliverNotificationEmails({ db: getDb });
export const checkNotificationCauses = createCheckNotificationCauses({ db: getDb });
