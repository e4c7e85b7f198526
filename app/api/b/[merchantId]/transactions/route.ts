import { getDb } from "@/lib/database";
import { InvalidCursorError } from "@/lib/portal/keyset-cursor";
import { parseTransactionQuery } from "@/lib/portal/transaction-query";
import { listTransactions } from "@/lib/portal/transactions";
import { businessApiAccess } from "../../_server/business-api-access";

/**
 * GET /api/b/:merchantId/transactions?from&to&kind&cursor&limit — one keyset page of the
 * business's transactions as JSON, for the Transactions page's "Load more".
 * Answers: 200 { rows, nextCursor } · 400 { error, parameter } · 401 signed out · 404 not a member.
 */
export const dynamic = "force-dynamic";

const NO_STORE = { "cache-control": "private, no-store" };

export async function GET(request: Request, { params }: { params: Promise<{ merchantId: string }> }): Promise<Response> {
  const access = await businessApiAccess((await params).merchantId);
  if (!access.ok) return access.response;

  const parsed = parseTransactionQuery(new URL(request.url).searchParams);
  if (!parsed.ok) return Response.json({ error: parsed.message, parameter: parsed.parameter }, { status: 400, headers: NO_STORE });

  try {
    const page = await listTransactions(getDb(), access.business.id, parsed.query);
    return Response.json(page, { headers: NO_STORE });
  } catch (error) {
    if (error instanceof InvalidCursorError) {
      return Response.json({ error: `Invalid "cursor" parameter: ${error.message}`, parameter: "cursor" }, { status: 400, headers: NO_STORE });
    }
    throw error;
  }
}
