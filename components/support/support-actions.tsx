import { useTranslations } from "next-intl";
import type { Locale } from "@/lib/i18n/locales";
import type { SupportMerchantView } from "@/lib/support/merchant";
import { amountOf, Raw } from "./merchant-sections";

function ReasonField({ id }: { id: string }) {
  const t = useTranslations("support.actions");
  return (
    <label className="flex flex-col text-sm" htmlFor={id}>
      <span className="font-medium">{t("reason")}</span>
      <input id={id} name="reason" required minLength={3} maxLength={500} placeholder={t("reasonPlaceholder")} className="rounded border px-2 py-1" />
    </label>
  );
}

/** Run a sync now: a plain form (works without script), answered by the server with a redirect. */
export function SupportSyncForm({ merchantId }: { merchantId: string }) {
  const t = useTranslations("support.actions");
  return (
    <form method="post" action={`/admin/businesses/${encodeURIComponent(merchantId)}/sync`} className="space-y-2" data-testid="support-sync-form">
      <ReasonField id="sync-reason" />
      <button type="submit" className="rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800">
        {t("syncNow")}
      </button>
    </form>
  );
}

/** Every failed item with QuickBooks' fault and intuit_tid; support may move chosen ones back to Ready to sync. */
export function SupportFailedItems({ view, locale }: { view: SupportMerchantView; locale: Locale }) {
  const t = useTranslations("support.merchant");
  const ta = useTranslations("support.actions");
  const merchantId = view.business.merchantId;
  return (
    <section className="space-y-2" data-testid="support-failed">
      <h2 className="text-lg font-semibold">{t("failed")}</h2>
      <div className="rounded-lg bg-white p-4 text-sm shadow-sm">
        {view.failedItems.length === 0 ? (
          <p>{t("noFailed")}</p>
        ) : (
          <form method="post" action={`/admin/businesses/${encodeURIComponent(merchantId)}/ready-to-sync`} className="space-y-3">
            <ul className="divide-y divide-slate-100">
              {view.failedItems.map((item) => (
                <li key={item.id} className="py-2" data-testid="support-failed-item" data-processor-id={item.processorId}>
                  <label className="flex items-start gap-2">
                    <input type="checkbox" name="itemId" value={item.id} aria-label={t("choose")} className="mt-1" />
                    <span className="min-w-0">
                      <span className="block">{t("failedItem", { date: item.businessDate, kind: item.kind, processorId: item.processorId, amount: amountOf(item, locale) })}</span>
                      <span className="block text-red-800">{t("fault", { code: item.fault.code ?? "—", message: item.fault.message ?? "" })}</span>
                      {item.fault.detail && <span className="block text-slate-600">{t("faultDetail", { detail: item.fault.detail })}</span>}
                      {item.fault.element && <span className="block text-slate-600">{t("faultElement", { element: item.fault.element })}</span>}
                      <span className="block font-mono text-xs" data-testid="support-intuit-tid">
                        {t("intuitTid", { tid: item.intuitTid ?? "—" })}
                      </span>
                    </span>
                  </label>
                  <Raw value={item} label={t("raw")} />
                </li>
              ))}
            </ul>
            <ReasonField id="ready-reason" />
            <button type="submit" className="rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800">
              {ta("readyToSync")}
            </button>
          </form>
        )}
      </div>
    </section>
  );
}
