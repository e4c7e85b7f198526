"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requirePermission } from "@/app/_server/session";
import { emailSchema } from "@/lib/auth/email";
import { getDb } from "@/lib/database";
import { LOCALES } from "@/lib/i18n/locales";
import { sendInvitationEmail } from "@/lib/invitations/invitation-delivery";
import { createInvitation, InvitationRefusedError, revokeInvitation } from "@/lib/invitations/invitations";
import type { InviteState } from "@/components/accountant/invite-form";


const inviteSchema = z.object({ merchantId: z.string().min(1), email: emailSchema, locale: z.enum(LOCALES) });

/**
 * Owner only: creates the invitation, emails it to the invitee in the chosen language, and returns
 * its link path (shown once, to copy, whether or not the email left).
 */
export async function inviteAccountantAction(_prev: InviteState, form: FormData): Promise<InviteState> {
  const parsed = inviteSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { status: "error", code: "invalid" };
  const access = await requirePermission(parsed.data.merchantId, "accountants.manage");
  const db = getDb();
  let created;
  try {
    created = await createInvitation(db, { businessId: access.business.id, email: parsed.data.email, locale: parsed.data.locale, actorUserId: access.user.id });
  } catch (error) {
    if (error instanceof InvitationRefusedError && error.code === "already_member") return { status: "error", code: "already_member" };
    throw error;
  }
  const emailed = await sendInvitationEmail(db, { created, actorUserId: access.user.id });
  revalidatePath(`/b/${encodeURIComponent(access.business.merchantId)}/settings/accountants`);
  return { status: "created", email: created.invitation.email, path: created.path, locale: parsed.data.locale, emailed };
}

const revokeSchema = z.object({ merchantId: z.string().min(1), invitationId: z.uuid() });

/** Owner only: revokes a pending or accepted invitation; access it gave ends at once. */
export async function revokeInvitationAction(form: FormData): Promise<void> {
  const parsed = revokeSchema.parse(Object.fromEntries(form));
  const access = await requirePermission(parsed.merchantId, "accountants.manage");
  await revokeInvitation(getDb(), { businessId: access.business.id, invitationId: parsed.invitationId, actorUserId: access.user.id });
  revalidatePath(`/b/${encodeURIComponent(access.business.merchantId)}/settings/accountants`);
}
