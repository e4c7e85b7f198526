import { getTranslations } from "next-intl/server";
import { Amount } from "@/components/portal/amount";
import { tableClasses } from "@/components/portal/table-styles";
import type { Locale } from "@/lib/i18n/locales";
import type { PausedDepositOffer } from "@/lib/sync/paused-deposits";

/** After a resume: each deposit a pause kept out that only settles receipts already in QuickBooks, to send or keep out (owner). */
export async function PausedDepositOffers({ offers, merchantId, currency, locale }: { offers: PausedDepositOffer[]; merchantId: string; currency: "CAD" | "USD"; locale: Locale }) {
  if (offers.length === 0) return null;
  const t = await getTranslations("accountant.pausedDeposits");
  return (
    <div className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-4" data-testid="paused-deposit-offers">
      <h2 className="text-lg font-semibold">{t("title")}</h2>
      <p className="text-sm">{t("explain")}</p>
      <div className={tableClasses.wrapper}>
        <table className={tableClasses.table}>
          <thead>
            <tr>
              <th className={tableClasses.headerCell}>{t("deposit")}</th>
              <th className={tableClasses.headerCell}>{t("date")}</th>
              <th className={tableClasses.headerCellNumeric}>{t("amount")}</th>
              <th className={tableClasses.headerCell}>{t("choice")}</th>
            </tr>
          </thead>
          <tbody>
            {offers.map((offer) => (
              <tr key={offer.depositId} className={tableClasses.row} data-testid="paused-deposit-offer" data-processor-id={offer.processorId}>
                <td className="px-4 py-2 break-all">{offer.processorId}</td>
                <td className={tableClasses.cell}>{offer.depositDate}</td>
                <td className={tableClasses.cellNumeric}>
                  <Amount minor={offer.amountMinor} currency={currency} locale={locale} />
                </td>
                <td className="px-4 py-2">
                  <form method="post" action="/api/quickbooks/paused-deposits" className="flex flex-wrap gap-2">
                    <input type="hidden" name="merchantId" value={merchantId} />
                    <input type="hidden" name="depositId" value={offer.depositId} />
                    <button type="submit" name="decision" value="send" className="rounded bg-green-700 px-3 py-1 text-sm text-white hover:bg-green-800">
                      {t("send")}
                    </button>
                    <button type="submit" name="decision" value="keep_out" className="rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-100">
                      {t("keepOut")}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
