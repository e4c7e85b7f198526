import { getDb } from "@/lib/database";
import { env } from "@/lib/env";
import { storeWebhookNotifications } from "@/lib/quickbooks/webhook-notifications";
import { recheckMappingInBackground, touchesMappedEntities } from "@/lib/notify/mapping-recheck";
import { parseNotification, verifyIntuitSignature } from "@/lib/quickbooks/webhooks";

export const runtime = "nodejs";

/** Intuit sends at most ~1 MB per notification; anything much larger is not Intuit. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

/**
 * Intuit's change notifications. Only a body signed with our verifier token is read; a missing or
 * wrong signature is 401, a payload of neither known format 400. Notifications carry no values
 * (only which entity changed), so a verified notification is stored (support reads them per company)
 * and acknowledged at once, within Intuit's 3 seconds; when it names accounts, customers or tax
 * codes, the mapping health of those companies is re-checked right after, in the background, so the
 * owner hears before the next run would stop.
 */
export async function POST(request: Request): Promise<Response> {
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_BODY_BYTES) return Response.json({ error: "The notification is too large." }, { status: 413 });
  const raw = await request.text();
  if (raw.length > MAX_BODY_BYTES) return Response.json({ error: "The notification is too large." }, { status: 413 });
  if (!verifyIntuitSignature(raw, request.headers.get("intuit-signature"), env().QBO_WEBHOOK_VERIFIER)) {
    return Response.json({ error: "Missing or invalid intuit-signature." }, { status: 401 });
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return Response.json({ error: "The notification is not JSON." }, { status: 400 });
  }
  const parsed = parseNotification(json);
  if (!parsed.ok) return Response.json({ error: parsed.error }, { status: 400 });
  await storeWebhookNotifications(getDb(), parsed.changes);
  if (touchesMappedEntities(parsed.changes)) recheckMappingInBackground(getDb(), parsed.changes);
  return Response.json({ received: parsed.changes.length });
}
