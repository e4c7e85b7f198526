"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action-result";
import type { SyncNowResult } from "@/lib/sync/sync-now-result";
import { formatBusinessDateLong } from "@/components/quickbooks/format";
import type { Locale } from "@/lib/i18n/locales";
import { formatMoney } from "@/lib/i18n/money";
import type { FailedItem } from "@/lib/sync/failed-items";

type Target = "ready_to_sync" | "resolved";

/** What the server sends: the item without its Date (plain JSON to a client component). */
type FailedItemView = Omit<FailedItem, "updatedAt">;

/** The server action behind Ready to sync / Resolved (app/ passes it: components never import app/). */
type MarkFailedItemsAction = (input: { merchantId: string; to: "ready_to_sync" | "resolved"; itemIds: string[] }) => Promise<ActionResult<{ moved: number; sync: SyncNowResult | null }>>;

interface FailedItemsProps {
  merchantId: string;
  markFailedItems: MarkFailedItemsAction;
  items: FailedItemView[];
  /** Owner: checkboxes and actions. Accountant: the list only (the server refuses them anyway). */
  canManage: boolean;
  mappingHref: string;
  locale: Locale;
}

/** The Failed list: why each record failed, in merchant words, and Ready to sync / Resolved. */
export function FailedItems({ merchantId, markFailedItems, items, canManage, mappingHref, locale }: FailedItemsProps) {
  const t = useTranslations("sync.failed");
  const tf = useTranslations("sync");
  const router = useRouter();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState<{ to: Target; ids: string[] } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const allSelected = items.length > 0 && items.every((i) => selected.has(i.id));
  const confirm = () => {
    if (!confirming) return;
    const { to, ids } = confirming;
    startTransition(async () => {
      const result = await markFailedItems({ merchantId, to, itemIds: ids });
      setConfirming(null);
      if (!result.ok) {
        setMessage(result.error);
        return;
      }
      setSelected(new Set());
      const { moved } = result.data;
      setMessage(moved === 0 ? t("noneMoved") : to === "ready_to_sync" ? t("doneReady", { count: moved }) : t("doneResolved", { count: moved }));
      router.refresh();
    });
  };
  const actionButtons = (ids: string[], testIdSuffix: string) => (
    <div className="flex gap-2">
      <button
        type="button"
        disabled={ids.length === 0 || pending}
        onClick={() => setConfirming({ to: "ready_to_sync", ids })}
        className="rounded bg-blue-700 px-2 py-1 text-xs font-medium text-white hover:bg-blue-800 disabled:opacity-50"
        data-testid={`failed-ready-${testIdSuffix}`}
      >
        {t("readyToSync")}
      </button>
      <button
        type="button"
        disabled={ids.length === 0 || pending}
        onClick={() => setConfirming({ to: "resolved", ids })}
        className="rounded border border-slate-300 bg-white px-2 py-1 text-xs font-medium hover:bg-slate-100 disabled:opacity-50"
        data-testid={`failed-resolved-${testIdSuffix}`}
      >
        {t("resolved")}
      </button>
    </div>
  );

  return (
    <div id="failed" className="space-y-2" data-testid="sync-failed">
      <h2 className="text-lg font-semibold">{t("title")}</h2>
      {/* Above the list: the confirmation stays when the last item leaves it. */}
      {message && (
        <p role="status" className="text-sm" data-testid="failed-result">
          {message}
        </p>
      )}
      {items.length === 0 ? (
        <p className="text-sm text-slate-600">{t("empty")}</p>
      ) : (
        <>
          <p className="text-sm text-slate-600">{t("intro")}</p>
          {!canManage && <p className="text-sm text-slate-600">{t("ownerOnly")}</p>}
          {canManage && (
            <div className="flex items-center gap-4">
              <label className="flex items-center gap-2 text-sm">
                <input type="checkbox" checked={allSelected} onChange={() => setSelected(allSelected ? new Set() : new Set(items.map((i) => i.id)))} />
                {t("selectAll")}
              </label>
              <span className="text-sm text-slate-600">{t("selected", { count: selected.size })}</span>
              {actionButtons([...selected], "selection")}
            </div>
          )}
          {confirming && (
            <div role="alertdialog" aria-labelledby="failed-confirm-title" className="rounded-lg border border-slate-300 bg-white p-4 shadow" data-testid="failed-confirm">
              <p id="failed-confirm-title" className="font-semibold">
                {confirming.to === "ready_to_sync" ? t("confirmReadyTitle", { count: confirming.ids.length }) : t("confirmResolvedTitle", { count: confirming.ids.length })}
              </p>
              <p className="mt-1 text-sm">{confirming.to === "ready_to_sync" ? t("confirmReady") : t("confirmResolved")}</p>
              <div className="mt-3 flex gap-2">
                <button type="button" disabled={pending} onClick={confirm} className="rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50">
                  {t("confirm")}
                </button>
                <button type="button" disabled={pending} onClick={() => setConfirming(null)} className="rounded border border-slate-300 px-3 py-1.5 text-sm">
                  {t("cancel")}
                </button>
              </div>
            </div>
          )}
          <ul className="space-y-2">
            {items.map((item) => {
              const kind = t.has(`kinds.${item.kind}`) ? t(`kinds.${item.kind}`) : item.kind;
              const record = `${kind} ${item.processorId}`;
              return (
                <li key={item.id} className="rounded-lg bg-white p-4 text-sm shadow-sm" data-testid="failed-item" data-processor-id={item.processorId}>
                  <div className="flex flex-wrap items-start gap-4">
                    {canManage && <input type="checkbox" aria-label={t("select", { record })} checked={selected.has(item.id)} onChange={() => toggle(item.id)} className="mt-1" />}
                    <div className="min-w-0 flex-1 space-y-1">
                      <p className="font-medium">
                        {record} · {formatMoney(item.amountMinor, item.currency === "USD" ? "USD" : "CAD", locale)} · {formatBusinessDateLong(item.businessDate, locale)}
                      </p>
                      <p data-testid="failed-reason">{tf(item.explanation.reason.key, item.explanation.reason.params)}</p>
                      <p className="text-slate-600">
                        {tf(item.explanation.fix.key, item.explanation.fix.params)}{" "}
                        {canManage && item.explanation.slot && (
                          <Link href={mappingHref} className="text-blue-700 underline">
                            {t("editMapping")}
                          </Link>
                        )}
                      </p>
                      <details className="text-xs text-slate-600">
                        <summary className="cursor-pointer">{t("raw")}</summary>
                        <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-3">
                          <dt>{t("code")}</dt>
                          <dd>{item.fault.code ?? "—"}</dd>
                          <dt>{t("message")}</dt>
                          <dd>{item.fault.message ?? "—"}</dd>
                          <dt>{t("detail")}</dt>
                          <dd>{item.fault.detail ?? "—"}</dd>
                          <dt>{t("element")}</dt>
                          <dd>{item.fault.element ?? "—"}</dd>
                        </dl>
                        <p className="mt-1">{t("attempts", { count: item.attempts })}</p>
                      </details>
                    </div>
                    {canManage && actionButtons([item.id], "one")}
                  </div>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </div>
  );
}
