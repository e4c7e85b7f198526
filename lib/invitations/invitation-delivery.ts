import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { businesses, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { env } from "@/lib/env";
import { isLocale } from "@/lib/i18n/locales";
import { smtpSender, type MailSender } from "@/lib/notify/email/transport";
import { composeInvitationEmail } from "./invitation-email";
import type { CreatedInvitation } from "./invitations";

export const INVITATION_EMAIL_ACTIONS = { sent: "invitation.email_sent", failed: "invitation.email_failed" } as const;

export type InvitationEmailOutcome = "sent" | "failed";

/**
 * Sends a new invitation to the invitee by email, in the language the owner chose, right away (the
 * owner is waiting to know whether it left). Email delivery is always configured in this product:
 * SMTP_URL is required in production and defaults to the demo's mail catcher elsewhere (lib/env).
 * A refused or unreachable mail server never loses the invitation: it is already stored, the owner
 * keeps the link to copy and is told the email did not leave. Either outcome is audited; neither
 * the token nor the link is logged or audited (the error kept is the mail server's code only).
 */
export async function sendInvitationEmail(
  db: Db,
  input: { created: CreatedInvitation; actorUserId: string; send?: MailSender },
): Promise<InvitationEmailOutcome> {
  const { invitation } = input.created;
  const send = input.send ?? smtpSender;
  const audit = (outcome: InvitationEmailOutcome, error?: string) =>
    recordAudit(db, {
      businessId: invitation.businessId,
      actorUserId: input.actorUserId,
      action: INVITATION_EMAIL_ACTIONS[outcome],
      after: { invitationId: invitation.id, email: invitation.email, locale: invitation.locale, ...(error ? { error } : {}) },
    });
  try {
    const [business] = await db.select({ legalName: businesses.legalName, timezone: businesses.timezone }).from(businesses).where(eq(businesses.id, invitation.businessId));
    const [inviter] = await db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, input.actorUserId));
    const message = await composeInvitationEmail({
      to: invitation.email,
      locale: isLocale(invitation.locale) ? invitation.locale : "en",
      business,
      inviter: inviter.name?.trim() || inviter.email,
      expiresAt: invitation.expiresAt,
      link: new URL(input.created.path, env().APP_URL).toString(),
      processorName: env().PROCESSOR_NAME,
      from: env().MAIL_FROM,
    });
    await send(message);
  } catch (error) {
    await audit("failed", mailErrorCode(error));
    return "failed";
  }
  await audit("sent");
  return "sent";
}

/** What went wrong, without anything the message could carry (addresses, the link). */
function mailErrorCode(error: unknown): string {
  const code = (error as { code?: unknown; responseCode?: unknown } | null)?.code;
  const responseCode = (error as { responseCode?: unknown } | null)?.responseCode;
  if (typeof code === "string") return typeof responseCode === "number" ? `${code} ${responseCode}` : code;
  return error instanceof Error ? error.name : "unknown";
}
