import { signBody, SIGNATURE_HEADER } from "@/lib/processor/signature";
import type { ProcessorEventInput } from "@/lib/processor/events";

/**
 * The processor's side of the ingest API: businesses, transactions, fees and deposits reach the
 * e2e portal the way they reach production, as a signed POST /api/processor/events, so the rows the
 * tests read are the rows ingest writes (business dates, deposit breakdowns, payload hashes).
 */
const PORTAL_URL = `http://localhost:${process.env.E2E_PORT ?? 3100}`;
/** The demo's ingest secret (lib/env.ts default), which the e2e portal runs with. */
const DEMO_INGEST_SECRET = "settlebooks-demo-ingest-secret";

export async function sendProcessorEvents(events: ProcessorEventInput[]): Promise<{ accepted: number; duplicates: number }> {
  const body = JSON.stringify({ events });
  const response = await fetch(`${PORTAL_URL}/api/processor/events`, {
    method: "POST",
    headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signBody(body, DEMO_INGEST_SECRET) },
    body,
  });
  const answer = (await response.json()) as { accepted: number; duplicates: number };
  if (!response.ok) throw new Error(`the portal refused the processor's events (${response.status}): ${JSON.stringify(answer)}`);
  return answer;
}
