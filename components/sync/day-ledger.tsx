"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { formatBusinessDateLong } from "@/components/quickbooks/format";
import { QboDocumentLink } from "@/components/quickbooks/qbo-document-link";
import { formatMoney } from "@/lib/i18n/money";
import type { Locale } from "@/lib/i18n/locales";
import type { ActionResult } from "@/lib/action-result";
import type { LedgerDay } from "@/lib/sync/day-ledger";

/** The server action that loads older days (app/ passes it: components never import app/). */
type LedgerPageAction = (input: { merchantId: string; before: string }) => Promise<ActionResult<LedgerDay[]>>;

const STATE_TONE: Record<LedgerDay["state"], string> = {
  posted: "bg-green-100 text-green-900",
  partly_failed: "bg-red-100 text-red-900",
  paused: "bg-slate-200 text-slate-800",
  pending: "bg-amber-100 text-amber-900",
  before_connection: "bg-slate-100 text-slate-600",
  no_activity: "bg-slate-50 text-slate-500",
};
const KIND_ORDER = ["sale", "refund", "chargeback", "chargeback_reversal", "fee"] as const;

interface DayLedgerProps {
  merchantId: string;
  loadOlderDays: LedgerPageAction;
  /** The newest page (LEDGER_PAGE_DAYS days); older pages are loaded on demand. */
  days: LedgerDay[];
  /** Whether days older than the first page may exist (the connection day is not in it). */
  hasOlder: boolean;
  connectedOn: string;
  currency: "CAD" | "USD";
  locale: Locale;
}

/** Every business day since the connection: its state, its activity by kind, and its deposits' tie-out. */
export function DayLedger({ merchantId, loadOlderDays, days: firstPage, hasOlder, connectedOn, currency, locale }: DayLedgerProps) {
  const t = useTranslations("sync.ledger");
  const [older, setOlder] = useState<LedgerDay[]>([]);
  const [oldest, setOldest] = useState<string | null>(hasOlder && firstPage.length ? firstPage[firstPage.length - 1].date : null);
  const [pending, startTransition] = useTransition();
  const days = [...firstPage, ...older];
  const loadOlder = () =>
    startTransition(async () => {
      if (!oldest) return;
      const result = await loadOlderDays({ merchantId, before: oldest });
      if (!result.ok) return;
      setOlder((current) => [...current, ...result.data]);
      const last = result.data[result.data.length - 1]?.date ?? null;
      // Pages end at the connection day (and the week before it, when it had records).
      setOldest(last && last > connectedOn ? last : null);
    });
  const money = (minor: number) => formatMoney(minor, currency, locale);
  return (
    <div className="space-y-2" data-testid="sync-ledger">
      <h2 className="text-lg font-semibold">{t("title")}</h2>
      <p className="text-sm text-slate-600">{t("intro")}</p>
      {days.length === 0 ? (
        <p className="text-sm text-slate-600">{t("empty")}</p>
      ) : (
        <table className="w-full rounded-lg bg-white text-left text-sm shadow-sm">
          <thead className="text-slate-500">
            <tr>
              <th className="p-2">{t("date")}</th>
              <th className="p-2">{t("state")}</th>
              <th className="p-2">{t("activity")}</th>
              <th className="p-2">{t("deposits")}</th>
            </tr>
          </thead>
          <tbody>
            {days.map((day) => (
              <tr key={day.date} className="border-t border-slate-100 align-top" data-testid="sync-ledger-day" data-date={day.date} data-state={day.state}>
                <td className="whitespace-nowrap p-2">{formatBusinessDateLong(day.date, locale)}</td>
                <td className="p-2">
                  <span className={`rounded px-2 py-0.5 text-xs font-medium ${STATE_TONE[day.state]}`}>{t(`states.${day.state}`, { failed: day.failed, total: day.total })}</span>
                </td>
                <td className="p-2">
                  <ul>
                    {KIND_ORDER.filter((k) => day.kinds[k]).map((k) => (
                      <li key={k}>{t(`kinds.${k}`, { count: day.kinds[k]!.count, amount: money(day.kinds[k]!.amountMinor) })}</li>
                    ))}
                  </ul>
                </td>
                <td className="p-2">
                  {day.deposits.length === 0
                    ? t("noDeposits")
                    : day.deposits.map((d) => (
                        <dl key={d.depositId} className="mb-2 grid grid-cols-[max-content_1fr] gap-x-3 last:mb-0" data-testid="sync-deposit" data-processor-id={d.processorId}>
                          <dt className="text-slate-500">{t("deposit.processor")}</dt>
                          <dd data-testid="sync-deposit-processor">{money(d.processorAmountMinor)}</dd>
                          <dt className="text-slate-500">{t("deposit.quickbooks")}</dt>
                          <dd data-testid="sync-deposit-qbo">
                            {d.qboTotalMinor === null ? (d.status === "skipped_paused" || d.status === "before_connection" ? t("deposit.notSent") : t("deposit.notPosted")) : money(d.qboTotalMinor)}
                          </dd>
                          {d.differenceMinor !== null && (
                            <>
                              <dt className="text-slate-500">{t("deposit.difference")}</dt>
                              <dd data-testid="sync-deposit-difference" className={d.differenceMinor === 0 ? "text-green-800" : "font-semibold text-red-800"}>
                                {d.differenceMinor === 0 ? `${money(0)} · ${t("deposit.ties")}` : money(d.differenceMinor)}
                              </dd>
                            </>
                          )}
                          {d.qboDocument && (
                            <dd className="col-span-2">
                              <QboDocumentLink document={d.qboDocument} />
                            </dd>
                          )}
                        </dl>
                      ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {oldest && (
        <button type="button" disabled={pending} onClick={loadOlder} className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100 disabled:opacity-50">
          {t("older")}
        </button>
      )}
    </div>
  );
}
