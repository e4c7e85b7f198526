import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/lib/database";
import { findConnection } from "@/lib/quickbooks/connection/connection-record";
import { ConnectionRefusedError } from "@/lib/quickbooks/connection/refusal";
import { CSV_CONTENT_TYPE, reconciliationCsv } from "@/lib/reconcile/csv";
import { reconciliationFor } from "@/lib/reconcile/for-connection";
import { monthSchema } from "@/lib/reconcile/month";
import { businessApiAccess } from "../../_server/business-api-access";

/**
 * GET /b/:merchantId/quickbooks/reconciliation?month=YYYY-MM&format=csv (rewritten here by
 * proxy.ts): the month's reconciliation as CSV, for owners and accountants.
 * Answers: 200 text/csv · 400 { error } bad month · 401 · 403 staff · 404 not a member · 409 not connected · 503 QuickBooks refused.
 */
export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ merchantId: string }> }): Promise<Response> {
  const access = await businessApiAccess((await params).merchantId, "quickbooks.viewDetails");
  if (!access.ok) return access.response;
  const month = monthSchema.safeParse(new URL(request.url).searchParams.get("month"));
  if (!month.success) return Response.json({ error: month.error.issues[0]?.message ?? "Invalid month" }, { status: 400 });
  const db = getDb();
  const connection = await findConnection(db, access.business.id);
  if (!connection?.realmId || !connection.connectedOn) return Response.json({ error: "This business has no QuickBooks connection to reconcile." }, { status: 409 });
  let report;
  try {
    report = await reconciliationFor(db, connection, month.data);
  } catch (error) {
    if (error instanceof ConnectionRefusedError) return Response.json({ error: error.message, code: error.code }, { status: 503 });
    throw error;
  }
  const t = await getTranslations({ locale: await getLocale(), namespace: "reconcile" });
  const csv = reconciliationCsv(report, {
    total: (key) => t(`totals.${key}`),
    difference: (row) => [row.date, t(`causes.${row.cause}`, { count: row.item }), row.detail].filter(Boolean).join(" · "),
    unexplained: (key) => t("csvWords.unexplained", { total: t(`totals.${key}`) }),
    pausedDeposit: (row) => t("csvWords.pausedDeposit", { date: row.depositDate }),
    leftInUndepositedFunds: (row) => t("csvWords.leftInUndepositedFunds", { id: row.processorId }),
    nothingUnexplained: t("csvWords.nothingUnexplained"),
  });
  return new Response(csv, {
    headers: {
      "content-type": CSV_CONTENT_TYPE,
      "content-disposition": `attachment; filename="reconciliation-${access.business.merchantId}-${month.data}.csv"`,
      "cache-control": "private, no-store",
    },
  });
}
