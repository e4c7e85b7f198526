import { NextResponse } from "next/server";
import { getDb } from "@/lib/database";
import { env } from "@/lib/env";
import { startAuthorization } from "@/lib/quickbooks/connection/authorization-start";
import { ConnectionRefusedError } from "@/lib/quickbooks/connection/refusal";
import { FLOW_COOKIE, forbidden, quickbooksUrl } from "./guard";
import type { Actor } from "@/lib/quickbooks/connection/actor";

/** Sends the owner to Intuit's authorize page, remembering (10 minutes) which business the round trip is for. */
export async function redirectToIntuit(request: Request, owner: { actor: Actor; businessId: string; merchantId: string }, purpose: "connect" | "reauthorize"): Promise<NextResponse> {
  try {
    const { url } = await startAuthorization(getDb(), { actor: owner.actor, businessId: owner.businessId, purpose, secret: env().AUTH_SECRET });
    const response = NextResponse.redirect(url, 303);
    response.cookies.set(FLOW_COOKIE, owner.merchantId, { httpOnly: true, sameSite: "lax", path: "/api/quickbooks", maxAge: 600, secure: new URL(env().APP_URL).protocol === "https:" });
    return response;
  } catch (error) {
    if (error instanceof ConnectionRefusedError) {
      if (error.code === "forbidden") return forbidden();
      return NextResponse.redirect(quickbooksUrl(request, owner.merchantId, "", { error: error.code }), 303);
    }
    throw error;
  }
}
