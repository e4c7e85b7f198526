import { NextResponse } from "next/server";
import { z } from "zod";
import { ownerFormPost } from "../_shared/guard";
import { merchantIdField } from "../_shared/merchant-id";
import { redirectToIntuit } from "../_shared/start-oauth";

/** Reauthorize: the OAuth round trip again, for the company the business is already connected to. */
export async function POST(request: Request) {
  const posted = await ownerFormPost(request, z.object({ merchantId: merchantIdField }), "merchantId is required.");
  if (posted instanceof NextResponse) return posted;
  const { owner } = posted;
  return redirectToIntuit(request, owner, "reauthorize");
}
