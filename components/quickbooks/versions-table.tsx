import { getTranslations } from "next-intl/server";
import type { MappingVersionWithAuthor } from "@/lib/quickbooks/mapping/mapping-versions";
import { formatBusinessDateLong, formatDateTime } from "./format";

/** Every mapping version with who changed what and from when it applies. */
export async function VersionsTable({ versions, locale, timeZone }: { versions: MappingVersionWithAuthor[]; locale: string; timeZone: string }) {
  const t = await getTranslations("quickbooks.versions");
  return (
    <table className="w-full text-left text-sm" data-testid="qbo-versions">
      <thead>
        <tr className="border-b">
          {(["version", "effectiveFrom", "bank", "revenue", "expense", "customer", "taxCode", "changedBy"] as const).map((c) => (
            <th key={c} className="py-2 pr-3">
              {t(c)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {versions.map((v) => (
          <tr key={v.id} className="border-b last:border-0 align-top" data-testid={`qbo-version-${v.version}`}>
            <td className="py-2 pr-3">{v.version}</td>
            <td className="py-2 pr-3">{formatBusinessDateLong(v.effectiveFrom, locale)}</td>
            <td className="py-2 pr-3">{v.bankAccountName}</td>
            <td className="py-2 pr-3">{v.revenueAccountName}</td>
            <td className="py-2 pr-3">{v.expenseAccountName}</td>
            <td className="py-2 pr-3">{v.customerName}</td>
            <td className="py-2 pr-3">{v.taxCodeName}</td>
            <td className="py-2 pr-3">
              {t("changedByOn", { name: v.createdByName ?? v.createdByEmail ?? "—", when: formatDateTime(v.createdAt, locale, timeZone) })}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
