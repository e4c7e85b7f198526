import { useTranslations } from "next-intl";
import type { Locale } from "@/lib/i18n/locales";
import type { DepositTransaction } from "@/lib/portal/deposits";
import { formatBusinessDate, formatTimeOfDay, maskedNumber } from "@/lib/portal/display-format";
import { signedAmountMinor } from "@/lib/portal/transaction-kinds";
import { Amount } from "./amount";
import { tableClasses as c } from "./table-styles";

/**
 * The columns a card transaction shows wherever it is listed (Transactions, a deposit's items):
 * date, time, kind, brand, masked number, signed amount. Usable in server and client tables alike.
 */
type TransactionLike = Pick<DepositTransaction, "kind" | "amountMinor" | "cardBrand" | "last4" | "occurredAt" | "businessDate">;

export function TransactionHeaderCells() {
  const t = useTranslations("transactions");
  return (
    <>
      <th scope="col" className={c.headerCell}>{t("table.date")}</th>
      <th scope="col" className={c.headerCell}>{t("table.time")}</th>
      <th scope="col" className={c.headerCell}>{t("table.kind")}</th>
      <th scope="col" className={c.headerCell}>{t("table.cardBrand")}</th>
      <th scope="col" className={c.headerCell}>{t("table.cardNumber")}</th>
      <th scope="col" className={c.headerCellNumeric}>{t("table.amount")}</th>
    </>
  );
}

export function TransactionCells({ row, currency, timeZone, locale }: { row: TransactionLike; currency: "CAD" | "USD"; timeZone: string; locale: Locale }) {
  const t = useTranslations("transactions");
  return (
    <>
      <td className={c.cell}>{formatBusinessDate(row.businessDate, locale)}</td>
      <td className={c.cell}>{formatTimeOfDay(row.occurredAt, timeZone, locale)}</td>
      <td className={c.cell}>{t(`kinds.${row.kind}`)}</td>
      <td className={c.cell}>{t(`cardBrands.${row.cardBrand as "other"}`)}</td>
      <td className={c.cell}>
        <span aria-label={t("table.cardEnding", { last4: row.last4 })}>{maskedNumber(row.last4)}</span>
      </td>
      <td className={c.cellNumeric}>
        <Amount minor={signedAmountMinor(row.kind, row.amountMinor)} currency={currency} locale={locale} />
      </td>
    </>
  );
}
