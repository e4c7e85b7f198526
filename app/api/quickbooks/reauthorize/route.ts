import { NextResponse } from "next/server";
import { z } from "zod";
import { crossSite, forbidden, ownerOf, readForm } from "../_shared/guard";
import { merchantIdField } from "../_shared/merchant-id";
import { redirectToIntuit } from "../_shared/start-oauth";

/** Reauthorize: the OAuth round trip again, for the company the business is already connected to. */
export async function POST(request: Request) {
  if (crossSite(request)) return forbidden("Cross-site request refused.");
  const form = await readForm(request, z.object({ merchantId: merchantIdField }));
  if (!form) return new NextResponse("merchantId is required.", { status: 400 });
  const owner = await ownerOf(form.merchantId);
  if (owner instanceof NextResponse) return owner;
  return redirectToIntuit(request, owner, "reauthorize");
}
