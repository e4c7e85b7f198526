import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/lib/database";
import { disconnectConnection, pauseConnection, resumeConnection } from "@/lib/quickbooks/connection/lifecycle";
import { ConnectionRefusedError } from "@/lib/quickbooks/connection/refusal";
import { forbidden, ownerFormPost, quickbooksUrl } from "../_shared/guard";
import { merchantIdField } from "../_shared/merchant-id";

const formSchema = z.object({ merchantId: merchantIdField, action: z.enum(["pause", "resume", "disconnect"], { error: "action must be pause, resume or disconnect" }) });
const DONE = { pause: "paused", resume: "resumed", disconnect: "disconnected" } as const;

/** Pause, Resume and Disconnect from the Manage tab's confirmations. Owner only. */
export async function POST(request: Request) {
  const posted = await ownerFormPost(request, formSchema, "merchantId and action (pause, resume or disconnect) are required.");
  if (posted instanceof NextResponse) return posted;
  const { form, owner } = posted;
  const input = { actor: owner.actor, businessId: owner.businessId };
  let done: string = DONE[form.action];
  try {
    if (form.action === "pause") await pauseConnection(getDb(), input);
    else if (form.action === "resume") await resumeConnection(getDb(), input);
    else if (!(await disconnectConnection(getDb(), input)).revoked) done = "disconnected_not_revoked";
  } catch (error) {
    if (!(error instanceof ConnectionRefusedError)) throw error;
    if (error.code === "forbidden") return forbidden();
    return NextResponse.redirect(quickbooksUrl(request, owner.merchantId, "", { error: error.code }), 303);
  }
  return NextResponse.redirect(quickbooksUrl(request, owner.merchantId, "", { done }), 303);
}
