"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/lib/database";
import { NOTIFICATION_KINDS } from "@/lib/notify/kinds";
import { saveEmailChoices } from "@/lib/notify/preferences";
import { requireBusiness } from "../../../_server/session";

const formSchema = z.object({ merchantId: z.string().min(1, "merchantId is required").max(64) });

/** Saves which kinds of notification reach the signed-in user by email (an unchecked box is off). */
export async function saveEmailChoicesAction(form: FormData): Promise<void> {
  const parsed = formSchema.safeParse({ merchantId: form.get("merchantId") });
  if (!parsed.success) return;
  const { business, user } = await requireBusiness(parsed.data.merchantId);
  const choices = Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, form.get(`email.${kind}`) === "on"]));
  await saveEmailChoices(getDb(), user.id, choices);
  redirect(`/b/${encodeURIComponent(business.merchantId)}/settings?emailSaved=1`);
}
