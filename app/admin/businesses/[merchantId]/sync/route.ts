import { ZodError } from "zod";
import { sendSyncRequested } from "@/inngest/send";
import { getDb } from "@/lib/database";
import { supportSyncNow } from "@/lib/support/actions";
import { LOCAL_WAIT_MS, supportAction, syncResult } from "../../../_server/support-action";

/** Support's "Run a sync now", with a typed reason (audited; the owner sees it). 404 for everyone but support. */
export async function POST(request: Request, { params }: { params: Promise<{ merchantId: string }> }) {
  const { merchantId } = await params;
  return supportAction(request, merchantId, async ({ user, businessId, form }) => {
    try {
      const outcome = await supportSyncNow({ db: getDb(), send: sendSyncRequested, waitMs: LOCAL_WAIT_MS }, user, { businessId, reason: String(form.get("reason") ?? "") });
      if (outcome.outcome === "rate_limited") return { result: "sync_rate_limited", seconds: outcome.seconds };
      if (outcome.outcome === "not_active") return { result: "sync_not_active" };
      return syncResult(outcome.dispatch);
    } catch (error) {
      if (error instanceof ZodError) return { result: "reason_required" };
      throw error;
    }
  });
}
