import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/lib/database";
import { findConnection } from "@/lib/quickbooks/connection/connection-record";
import { decidePausedDeposit, PausedDepositNotOfferedError } from "@/lib/sync/paused-deposits";
import { ownerFormPost, quickbooksUrl } from "../_shared/guard";
import { merchantIdField } from "../_shared/merchant-id";

const formSchema = z.object({
  merchantId: merchantIdField,
  depositId: z.uuid({ error: "depositId must be a deposit id" }),
  decision: z.enum(["send", "keep_out"], { error: "decision must be send or keep_out" }),
});

/** The owner's choice on one deposit a pause kept out (Manage tab). Owner only; audited in lib/sync/paused-deposits. */
export async function POST(request: Request) {
  const posted = await ownerFormPost(request, formSchema, "merchantId, depositId and decision (send or keep_out) are required.");
  if (posted instanceof NextResponse) return posted;
  const { form, owner } = posted;
  const db = getDb();
  const connection = await findConnection(db, owner.businessId);
  if (!connection) return NextResponse.redirect(quickbooksUrl(request, owner.merchantId, "", { error: "not_connected" }), 303);
  try {
    await decidePausedDeposit(db, { businessId: owner.businessId, connectionId: connection.id, depositId: form.depositId, decision: form.decision, actorUserId: owner.actor.userId });
  } catch (error) {
    if (!(error instanceof PausedDepositNotOfferedError)) throw error;
    return NextResponse.redirect(quickbooksUrl(request, owner.merchantId, "", { done: "paused_deposit_gone" }), 303);
  }
  return NextResponse.redirect(quickbooksUrl(request, owner.merchantId, "", { done: form.decision === "send" ? "paused_deposit_sent" : "paused_deposit_kept_out" }), 303);
}
