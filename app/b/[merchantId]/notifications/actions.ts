"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/lib/database";
import { markRead } from "@/lib/notify/inbox";
import { requireBusiness } from "../../../_server/session";

const markAllSchema = z.object({ merchantId: z.string().min(1, "merchantId is required").max(64) });

/** Marks every notification of this business read for the signed-in user (only their own). */
export async function markAllReadAction(form: FormData): Promise<void> {
  const parsed = markAllSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return;
  const { business, user } = await requireBusiness(parsed.data.merchantId);
  await markRead(getDb(), business.id, user.id);
  revalidatePath(`/b/${encodeURIComponent(business.merchantId)}`, "layout");
}
