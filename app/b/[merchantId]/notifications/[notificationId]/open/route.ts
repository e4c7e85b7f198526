import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/lib/database";
import { actionPath } from "@/lib/notify/kinds";
import { markRead } from "@/lib/notify/inbox";
import { requireBusiness } from "../../../../../_server/session";

const paramsSchema = z.object({ merchantId: z.string().min(1).max(64), notificationId: z.uuid() });

/** Opening a notification: marked read for the reader, then on to where they act on it. */
export async function GET(request: Request, { params }: { params: Promise<{ merchantId: string; notificationId: string }> }) {
  const parsed = paramsSchema.safeParse(await params);
  if (!parsed.success) return new NextResponse("Not found.", { status: 404 });
  const { business, user } = await requireBusiness(parsed.data.merchantId);
  const kind = await markRead(getDb(), business.id, user.id, parsed.data.notificationId);
  if (!kind) return new NextResponse("Not found.", { status: 404 });
  return NextResponse.redirect(new URL(actionPath(business.merchantId, kind), request.url), 303);
}
