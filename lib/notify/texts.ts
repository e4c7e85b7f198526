import { createTranslator } from "next-intl";
import { loadMessages } from "@/lib/i18n/catalog";
import type { Locale } from "@/lib/i18n/locales";
import { formatMoney } from "@/lib/i18n/money";
import type { NotificationKind } from "./kinds";

/** Keys are built from stored kinds and fault explanations, so they are plain strings here. */
export interface NotifyTranslator {
  (key: string, values?: Record<string, string | number>): string;
  has(key: string): boolean;
}

/** A translator over every catalog for one language: for emails and pages alike (notify and sync faults). */
export async function notifyTranslator(locale: Locale): Promise<NotifyTranslator> {
  return createTranslator({ locale, messages: await loadMessages(locale) }) as unknown as NotifyTranslator;
}

/** One failed item as the digest lists it (what the Failed list shows, without card data). */
export interface DigestItem {
  processorId: string;
  record: string;
  businessDate: string;
  amountMinor: number;
  currency: "CAD" | "USD";
  reasonKey: string;
  reasonParams: Record<string, string>;
}

export interface BrokenSlot {
  slot: string;
  name: string;
  problem: "missing" | "inactive" | "wrong_type";
}

export interface NotificationText {
  title: string;
  body: string;
  action: string;
  /** Extra lines: the failed items (with their reasons) or the broken mapping choices. */
  lines: { text: string; detail?: string }[];
  more: string | null;
}

/** Dates in the texts: ISO days as calendar dates, instants in the business's time zone. */
function formatDate(value: unknown, locale: Locale, timeZone: string): string {
  const s = String(value ?? "");
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${s}T12:00:00Z`));
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return s;
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeStyle: "short", timeZone }).format(d);
}

/** The words of one notification in the reader's language, from its kind and stored parameters. */
export function describeNotification(
  t: NotifyTranslator,
  notification: { kind: NotificationKind; params: unknown },
  context: { locale: Locale; timeZone: string },
): NotificationText {
  const p = (notification.params ?? {}) as Record<string, unknown>;
  const k = `notify.kinds.${notification.kind}`;
  const date = (v: unknown) => formatDate(v, context.locale, context.timeZone);
  const values = {
    companyName: String(p.companyName ?? "QuickBooks"),
    count: Number(p.count ?? 0),
    date: date(p.expiresAt ?? p.limitDate),
    pausedFrom: date(p.pausedFrom),
    since: date(p.since),
  };
  const lines: NotificationText["lines"] = [];
  let more: string | null = null;
  if (notification.kind === "items_failed") {
    const items = (p.items ?? []) as DigestItem[];
    for (const item of items) {
      lines.push({
        text: t("notify.item", {
          date: date(item.businessDate),
          record: t.has(`notify.records.${item.record}`) ? t(`notify.records.${item.record}`) : item.record,
          processorId: item.processorId,
          amount: formatMoney(item.amountMinor, item.currency, context.locale),
        }),
        detail: t.has(`sync.${item.reasonKey}`) ? t(`sync.${item.reasonKey}`, item.reasonParams) : undefined,
      });
    }
    if (values.count > items.length) more = t("notify.moreItems", { count: values.count - items.length });
  }
  if (notification.kind === "mapping_broken") {
    for (const b of (p.broken ?? []) as BrokenSlot[]) {
      const slot = t.has(`notify.slots.${b.slot}`) ? t(`notify.slots.${b.slot}`) : b.slot;
      lines.push({ text: t(`notify.problems.${b.problem}`, { slot, name: b.name }) });
    }
  }
  return { title: t(`${k}.title`, values), body: t(`${k}.body`, values), action: t(`${k}.action`), lines, more };
}
