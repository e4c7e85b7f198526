import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { NotificationKind } from "../kinds";
import { composeNotificationEmail } from "./compose";
import { smtpSender, type MailSender } from "./transport";

/** A send is tried this many times (across passes) before the email is given up as failed. */
export const MAX_EMAIL_ATTEMPTS = 5;
/** A claim older than this belongs to a process that died: the email is taken over. */
const CLAIM_STALE_MINUTES = 5;
const BATCH = 50;

export interface DeliveryOutcome {
  sent: number;
  /** Failed this pass but will be tried again. */
  retrying: number;
  /** Failed for the last time. */
  failed: number;
}

type Claimed = {
  notification_id: string;
  user_id: string;
  email_attempts: number;
  kind: NotificationKind;
  params: unknown;
  email: string;
  name: string | null;
  locale: string;
  role: string | null;
  legal_name: string;
  merchant_id: string;
  timezone: string;
};

/**
 * One pass over the emails waiting to leave: claims a batch (skip locked, so two senders never
 * take the same email), renders each in its recipient's language and hands it to SMTP. A refused
 * send goes back to waiting until its last attempt. Returns what happened; never throws for a send.
 */
export async function deliverPendingEmails(db: Db, options: { send?: MailSender } = {}): Promise<DeliveryOutcome> {
  const send = options.send ?? smtpSender;
  const outcome: DeliveryOutcome = { sent: 0, retrying: 0, failed: 0 };
  for (;;) {
    const claimed = await db.execute<Claimed>(sql`
      with due as (
        select r.notification_id, r.user_id from notification_recipients r
        where r.email_state = 'pending'
           or (r.email_state = 'sending' and r.email_claimed_at < now() - make_interval(mins => ${CLAIM_STALE_MINUTES}))
        limit ${BATCH}
        for update skip locked
      ), claimed as (
        update notification_recipients r
        set email_state = 'sending', email_claimed_at = now(), email_attempts = r.email_attempts + 1
        from due where r.notification_id = due.notification_id and r.user_id = due.user_id
        returning r.notification_id, r.user_id, r.email_attempts
      )
      select c.notification_id, c.user_id, c.email_attempts, n.kind, n.params, u.email, u.name, u.locale::text as locale,
        m.role::text as role, b.legal_name, b.merchant_id, b.timezone
      from claimed c
      join notifications n on n.id = c.notification_id
      join users u on u.id = c.user_id
      join businesses b on b.id = n.business_id
      left join memberships m on m.user_id = c.user_id and m.business_id = n.business_id`);
    if (claimed.length === 0) return outcome;
    for (const row of claimed) {
      try {
        const message = await composeNotificationEmail(
          { kind: row.kind, params: row.params, business: { legalName: row.legal_name, merchantId: row.merchant_id, timezone: row.timezone } },
          { userId: row.user_id, email: row.email, name: row.name, locale: row.locale, role: row.role ?? "member" },
        );
        await send(message);
        await mark(db, row, sql`email_state = 'sent', email_sent_at = now(), email_error = null`);
        outcome.sent += 1;
      } catch (error) {
        const last = row.email_attempts >= MAX_EMAIL_ATTEMPTS;
        const reason = (error instanceof Error ? error.message : String(error)).slice(0, 500);
        await mark(db, row, sql`email_state = ${last ? "failed" : "pending"}::notification_email_state, email_error = ${reason}`);
        if (last) outcome.failed += 1;
        else outcome.retrying += 1;
      }
    }
    // What failed this pass waits for the next pass (with a pause), not for this loop.
    if (outcome.retrying > 0 || claimed.length < BATCH) return outcome;
  }
}

async function mark(db: Db, row: Pick<Claimed, "notification_id" | "user_id">, set: ReturnType<typeof sql>): Promise<void> {
  await db.execute(sql`update notification_recipients set ${set}, email_claimed_at = null
    where notification_id = ${row.notification_id}::uuid and user_id = ${row.user_id}::uuid`);
}
