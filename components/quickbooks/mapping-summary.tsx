import { getTranslations } from "next-intl/server";

export interface MappingNames {
  bank: string;
  revenue: string;
  expense: string;
  customer: string;
  taxCode: string;
}

/** What will post where: the review step and the Manage tab's current mapping. */
export async function MappingSummary({ names, testId = "qbo-mapping-summary" }: { names: MappingNames; testId?: string }) {
  const t = await getTranslations("quickbooks.summary");
  const rows: [string, string][] = [
    [t("sales"), t("salesWhere", { revenue: names.revenue, customer: names.customer, taxCode: names.taxCode })],
    [t("refunds"), t("refundsWhere", { revenue: names.revenue })],
    [t("fees"), t("feesWhere", { expense: names.expense })],
    [t("deposits"), t("depositsWhere", { bank: names.bank })],
  ];
  return (
    <table className="w-full max-w-3xl text-left text-sm" data-testid={testId}>
      <thead>
        <tr className="border-b">
          <th className="py-2 pr-4">{t("what")}</th>
          <th className="py-2">{t("where")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([what, where]) => (
          <tr key={what} className="border-b last:border-0">
            <td className="py-2 pr-4 align-top font-medium">{what}</td>
            <td className="py-2">{where}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
