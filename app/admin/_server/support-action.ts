import { NextResponse } from "next/server";
import { crossSite, forbidden } from "@/app/api/quickbooks/_shared/guard";
import { getDb } from "@/lib/database";
import { findBusinessByMerchantId } from "@/lib/support/merchant";
import { supportOr404 } from "./support-guard";

/** A request waits this long for a local (no Inngest) run before leaving it to finish in the background. */
export const LOCAL_WAIT_MS = 25_000;

/** Results support actions report back to the merchant page (as query parameters of the redirect). */
export type SupportActionResult = Record<string, string | number>;

/**
 * The frame of every support action: 404 for anyone but support (whatever the request), a
 * same-site form only, the business by merchant id, then back to its page with the result.
 */
export async function supportAction(
  request: Request,
  merchantIdParam: string,
  act: (input: { user: { userId: string; isSupport: boolean }; businessId: string; form: FormData }) => Promise<SupportActionResult>,
): Promise<Response> {
  const user = await supportOr404();
  if (user instanceof Response) return user;
  if (crossSite(request)) return forbidden("Cross-site request refused.");
  const merchantId = decodeURIComponent(merchantIdParam);
  const business = await findBusinessByMerchantId(getDb(), merchantId);
  if (!business) return new Response("Not found", { status: 404 });
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return new Response("A form body is required.", { status: 400 });
  }
  const result = await act({ user: { userId: user.id, isSupport: user.isSupport }, businessId: business.id, form });
  const url = new URL(`/admin/businesses/${encodeURIComponent(business.merchantId)}`, request.url);
  for (const [key, value] of Object.entries(result)) url.searchParams.set(key, String(value));
  return NextResponse.redirect(url, 303);
}

/** A sync dispatch in the few words the merchant page shows. */
export function syncResult(dispatch: { mode: string; summary?: { documentsCreated: Record<string, number>; itemsFailed: number } } | null): SupportActionResult {
  if (!dispatch) return {};
  if (dispatch.mode === "completed" && dispatch.summary) {
    const documents = Object.values(dispatch.summary.documentsCreated).reduce((a, n) => a + n, 0);
    return { result: "sync_completed", documents, failed: dispatch.summary.itemsFailed };
  }
  return { result: `sync_${dispatch.mode}` };
}
