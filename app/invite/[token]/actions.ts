"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { z } from "zod";
import { currentUser } from "@/app/_server/session";
import { signIn } from "@/lib/auth/config";
import { getDb } from "@/lib/database";
import { LOCALES } from "@/lib/i18n/locales";
import { acceptInvitation, acceptWithNewAccount, InvitationRefusedError } from "@/lib/invitations/invitations";
import type { InviteFormState } from "@/components/accountant/invite-accept-forms";


const tokenSchema = z.string().min(20).max(200);
const quickbooksOf = (merchantId: string) => `/b/${encodeURIComponent(merchantId)}/quickbooks`;

/** A new portal account with the invited email and a password; accepted and signed in. */
export async function createAccountAction(_prev: InviteFormState, form: FormData): Promise<InviteFormState> {
  const parsed = z
    .object({
      token: tokenSchema,
      name: z.string().trim().min(1, "name").max(200, "name"),
      password: z.string().min(12, "password").max(200, "password"),
      locale: z.enum(LOCALES).catch("en"),
    })
    .safeParse(Object.fromEntries(form));
  if (!parsed.success) return { error: parsed.error.issues[0]?.message === "name" ? "name" : "password" };
  let accepted: { merchantId: string; email: string };
  try {
    accepted = await acceptWithNewAccount(getDb(), parsed.data);
  } catch (error) {
    if (error instanceof InvitationRefusedError) return { error: error.code };
    throw error;
  }
  await signIn("credentials", { email: accepted.email, password: parsed.data.password, redirectTo: quickbooksOf(accepted.merchantId) });
  return { error: null };
}

/** Signs in with an existing account and comes back to the invitation to accept it. */
export async function signInToAcceptAction(_prev: InviteFormState, form: FormData): Promise<InviteFormState> {
  const token = tokenSchema.safeParse(form.get("token"));
  if (!token.success) return { error: "not_found" };
  try {
    await signIn("credentials", { email: String(form.get("email") ?? ""), password: String(form.get("password") ?? ""), redirectTo: `/invite/${token.data}` });
    return { error: null };
  } catch (error) {
    if (error instanceof AuthError) return { error: "signInFailed" };
    throw error;
  }
}

/** Accepts with the signed-in account (it must have the invited email). */
export async function acceptAction(form: FormData): Promise<void> {
  const token = tokenSchema.parse(form.get("token"));
  const user = await currentUser();
  if (!user) redirect(`/invite/${token}`);
  let merchantId: string;
  try {
    merchantId = await acceptInvitation(getDb(), { token, userId: user.id });
  } catch (error) {
    if (error instanceof InvitationRefusedError) redirect(`/invite/${token}?error=${error.code}`);
    throw error;
  }
  redirect(quickbooksOf(merchantId));
}
