import { NextResponse } from "next/server";
import { z } from "zod";
import { ownerFormPost, quickbooksUrl } from "../_shared/guard";
import { merchantIdField } from "../_shared/merchant-id";
import { redirectToIntuit } from "../_shared/start-oauth";

const formSchema = z.object({ merchantId: merchantIdField, consent: z.string().optional() });

/**
 * The consent step's form: records the owner's authorization to share processing data (time and
 * user) and sends them to Intuit. Owner only: 403 for anyone else, whatever the page showed.
 */
export async function POST(request: Request) {
  const posted = await ownerFormPost(request, formSchema, "merchantId is required.");
  if (posted instanceof NextResponse) return posted;
  const { form, owner } = posted;
  if (form.consent !== "yes") return NextResponse.redirect(quickbooksUrl(request, owner.merchantId, "connect", { error: "consent_required" }), 303);
  return redirectToIntuit(request, owner, "connect");
}
