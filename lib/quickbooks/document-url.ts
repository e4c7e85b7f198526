import { env, type Env } from "@/lib/env";
import { qboEndpoints } from "./endpoints";

/** The documents Settlebooks posts, by QuickBooks entity, and the page QuickBooks shows each on. */
const DOCUMENT_PAGES: Record<string, string> = {
  SalesReceipt: "salesreceipt",
  RefundReceipt: "refundreceipt",
  Deposit: "deposit",
  JournalEntry: "journal",
  Purchase: "expense",
};

export interface QboDocumentRef {
  /** QuickBooks entity name: Deposit, SalesReceipt, RefundReceipt, JournalEntry, Purchase. */
  entity: string;
  /** QuickBooks' id of the document (its txnId). */
  id: string;
  /** The company; only the local sandbox uses it (Intuit opens the signed-in user's company). */
  realmId?: string | null;
}

/**
 * The one place a link to a posted document is built: Intuit's document page in the sandbox and
 * production environments (https://app.qbo.intuit.com/app/deposit?txnId=42), and the offline
 * sandbox's own page, which serves the same paths under its /app, locally.
 */
export function qboDocumentUrl(doc: QboDocumentRef, e: Pick<Env, "QBO_ENVIRONMENT" | "QBO_LOCAL_URL"> = env()): string {
  const url = new URL(`${qboEndpoints(e).app}/${DOCUMENT_PAGES[doc.entity] ?? doc.entity.toLowerCase()}`);
  url.searchParams.set("txnId", doc.id);
  if (e.QBO_ENVIRONMENT === "local" && doc.realmId) url.searchParams.set("realmId", doc.realmId);
  return url.toString();
}
