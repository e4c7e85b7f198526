import { z, ZodError } from "zod";
import { sendSyncRequested } from "@/inngest/send";
import { getDb } from "@/lib/database";
import { supportReadyToSync } from "@/lib/support/actions";
import { LOCAL_WAIT_MS, supportAction, syncResult } from "../../../_server/support-action";

const itemIdsSchema = z.array(z.uuid()).min(1).max(500);

/** Support moves failed items back to Ready to sync, with a typed reason. 404 for everyone but support. */
export async function POST(request: Request, { params }: { params: Promise<{ merchantId: string }> }) {
  const { merchantId } = await params;
  return supportAction(request, merchantId, async ({ user, businessId, form }) => {
    const itemIds = itemIdsSchema.safeParse(form.getAll("itemId").map(String));
    if (!itemIds.success) return { result: "no_items" };
    try {
      const { moved, dispatch } = await supportReadyToSync({ db: getDb(), send: sendSyncRequested, waitMs: LOCAL_WAIT_MS }, user, {
        businessId,
        itemIds: itemIds.data,
        reason: String(form.get("reason") ?? ""),
      });
      return { result: "ready", moved, ...Object.fromEntries(Object.entries(syncResult(dispatch)).map(([k, v]) => [`sync_${k}`, v])) };
    } catch (error) {
      if (error instanceof ZodError) return { result: "reason_required" };
      throw error;
    }
  });
}
