import { NextResponse } from "next/server";
import { z } from "zod";
import { ForbiddenError, requirePermission } from "@/app/_server/session";
import { getDb } from "@/lib/database";
import { refreshMappingHealth } from "@/lib/quickbooks/mapping/mapping-health-cache";
import { crossSite, forbidden, quickbooksUrl, readForm } from "../_shared/guard";
import { merchantIdField } from "../_shared/merchant-id";

const formSchema = z.object({ merchantId: merchantIdField });

/** "Check now" on the Manage tab: checks the mapping in QuickBooks again (owner and accountant: it only reads). */
export async function POST(request: Request) {
  if (crossSite(request)) return forbidden("Cross-site request refused.");
  const form = await readForm(request, formSchema);
  if (!form) return new NextResponse("merchantId is required.", { status: 400 });
  let access;
  try {
    access = await requirePermission(form.merchantId, "quickbooks.viewDetails");
  } catch (error) {
    if (error instanceof ForbiddenError) return forbidden("You may not check this business's QuickBooks mapping.");
    throw error;
  }
  await refreshMappingHealth(getDb(), access.business.id);
  return NextResponse.redirect(quickbooksUrl(request, access.business.merchantId), 303);
}
