import { getDb } from "@/lib/database";
import { env } from "@/lib/env";
import { storeWebhookNotifications } from "@/lib/quickbooks/webhook-notifications";
import { recheckMappingInBackground, touchesMappedEntities } from "@/lib/notify/mapping-recheck";
import { MAX_INTUIT_WEBHOOK_BODY_BYTES } from "@/lib/http/limited-body";
import { parseNotification, verifyIntuitSignature } from "@/lib/quickbooks/webhooks";
import { jsonAnswer as json, readSignedJson } from "../../_shared/signed-json";

export const runtime = "nodejs";

/**
 * Intuit's change notifications. The body is read only up to 2 MiB (413 as soon as it passes, signed
 * or not, chunked or not), and only a body signed with our verifier token is parsed; a missing or
 * wrong signature is 401, a payload of neither known format 400. Notifications carry no values
 * (only which entity changed), so a verified notification is stored (support reads them per company)
 * and acknowledged at once, within Intuit's 3 seconds; when it names accounts, customers or tax
 * codes, the mapping health of those companies is re-checked right after, in the background, so the
 * owner hears before the next run would stop.
 */
export async function POST(request: Request): Promise<Response> {
  const read = await readSignedJson(request, {
    limit: MAX_INTUIT_WEBHOOK_BODY_BYTES,
    verify: (raw) => verifyIntuitSignature(raw, request.headers.get("intuit-signature"), env().QBO_WEBHOOK_VERIFIER),
    refusals: {
      tooLarge: "The notification is too large.",
      unreadable: "The notification could not be read.",
      unsigned: "Missing or invalid intuit-signature.",
      notJson: "The notification is not UTF-8 JSON.",
    },
  });
  if (read instanceof Response) return read;
  const parsed = parseNotification(read.body);
  if (!parsed.ok) return json(400, { error: parsed.error });
  await storeWebhookNotifications(getDb(), parsed.changes);
  if (touchesMappedEntities(parsed.changes)) recheckMappingInBackground(getDb(), parsed.changes);
  return json(200, { received: parsed.changes.length });
}
