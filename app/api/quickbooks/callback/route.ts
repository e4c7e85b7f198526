import { cookies } from "next/headers";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { currentUser } from "@/app/_server/session";
import { findBusinessAccess, listBusinessesOf, memberMerchantId } from "@/lib/auth/access";
import { getDb } from "@/lib/database";
import { env } from "@/lib/env";
import { completeAuthorization } from "@/lib/quickbooks/connection/authorization-callback";
import { ConnectionRefusedError } from "@/lib/quickbooks/connection/refusal";
import { FLOW_COOKIE, quickbooksUrl } from "../_shared/guard";

/** What Intuit sends back: code, state and realmId, or error (access_denied on Cancel) and state. */
const querySchema = z.object({
  state: z.string().min(1, "state is missing").max(4096, "state is too long"),
  code: z.string().min(1).max(4096).optional(),
  realmId: z.string().regex(/^\d{1,32}$/, "realmId must be digits").optional(),
  error: z.string().max(200).optional(),
});

/** The merchant id of a business, if the user belongs to it (never reveals another business). */
async function merchantIdOf(userId: string, businessId: string | undefined): Promise<string | null> {
  return businessId ? memberMerchantId(getDb(), userId, businessId) : null;
}

/**
 * Intuit's redirect after the owner authorized (or cancelled). Every problem lands on the
 * business's QuickBooks page with a code the page explains in the user's language; nothing is
 * stored unless every check passed (see completeAuthorization).
 */
export async function GET(request: NextRequest) {
  const user = await currentUser();
  if (!user) return NextResponse.redirect(new URL("/signin", request.url), 303);
  const jar = await cookies();
  const flowMerchantId = jar.get(FLOW_COOKIE)?.value;
  const flowAccess = flowMerchantId ? await findBusinessAccess(getDb(), user.id, flowMerchantId) : null;

  const finish = (response: NextResponse) => {
    response.cookies.set(FLOW_COOKIE, "", { path: "/api/quickbooks", maxAge: 0 });
    return response;
  };
  const fallbackMerchantId = async () => flowAccess?.business.merchantId ?? (await listBusinessesOf(getDb(), user.id))[0]?.business.merchantId ?? null;
  const failWith = async (code: string, businessId?: string, extra: Record<string, string> = {}) => {
    const merchantId = (await merchantIdOf(user.id, businessId)) ?? (await fallbackMerchantId());
    if (!merchantId) return finish(NextResponse.redirect(new URL("/", request.url), 303));
    return finish(NextResponse.redirect(quickbooksUrl(request, merchantId, "", { error: code, ...extra }), 303));
  };

  const parsed = querySchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!parsed.success) return failWith("state_invalid");
  try {
    const outcome = await completeAuthorization(getDb(), {
      userId: user.id,
      query: parsed.data,
      secret: env().AUTH_SECRET,
      expectedBusinessId: flowAccess?.business.id,
    });
    const merchantId = (await merchantIdOf(user.id, outcome.businessId))!;
    return finish(
      NextResponse.redirect(
        outcome.purpose === "connect" ? quickbooksUrl(request, merchantId, "setup") : quickbooksUrl(request, merchantId, "", { done: "reauthorized" }),
        303,
      ),
    );
  } catch (error) {
    if (!(error instanceof ConnectionRefusedError)) throw error;
    const { businessId, ...extra } = error.details;
    return failWith(error.code, businessId, extra);
  }
}
