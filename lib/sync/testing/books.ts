import type { QboApi } from "@/lib/quickbooks/api-client";

/**
 * Balances read back from QuickBooks through the Reports API (TrialBalance), in minor units:
 * debit-positive, keyed by account id. What an accountant would look at to check the books.
 */
type ColData = { value?: string; id?: string };
type Row = { type?: string; ColData?: ColData[]; Rows?: { Row?: Row[] } };

export async function trialBalance(api: QboApi, endDate = "2099-12-31"): Promise<Map<string, number>> {
  const report = (await api.report("TrialBalance", { start_date: "2000-01-01", end_date: endDate })) as { Rows?: { Row?: Row[] } };
  const balances = new Map<string, number>();
  const visit = (rows: Row[] | undefined) => {
    for (const row of rows ?? []) {
      if (row.Rows) visit(row.Rows.Row);
      const cols = row.ColData;
      if (!cols?.[0]?.id) continue;
      const debit = Math.round(Number(cols[1]?.value || 0) * 100);
      const credit = Math.round(Number(cols[2]?.value || 0) * 100);
      balances.set(cols[0].id, (balances.get(cols[0].id) ?? 0) + debit - credit);
    }
  };
  visit(report.Rows?.Row);
  return balances;
}
