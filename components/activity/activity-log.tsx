import { useTranslations } from "next-intl";
import { formatDateTime } from "@/components/quickbooks/format";
import type { ActivityEntry } from "@/lib/audit/activity-log";

interface ActivityLogProps {
  entries: ActivityEntry[];
  /** Link to the next (older) page, when there is one. */
  olderHref: string | null;
  /** Link back to the first page, when this is not it. */
  newestHref: string | null;
  locale: string;
  timeZone: string;
  testId?: string;
}

/** A business's audit trail in plain language, newest first, with the stored before/after one click away. */
export function ActivityLog({ entries, olderHref, newestHref, locale, timeZone, testId = "activity-log" }: ActivityLogProps) {
  const t = useTranslations("activity");
  const sentence = (entry: ActivityEntry): string => {
    const actor = !entry.actor
      ? t("actor.system")
      : entry.actor.isSupport
        ? t("actor.support", { name: entry.actor.name ?? entry.actor.email })
        : (entry.actor.name ?? entry.actor.email);
    const key = `actions.${entry.action.replace(/\./g, "_")}`;
    const text = t.has(key) ? t(key, { actor, count: entry.itemCount ?? 0 }) : t("unknown", { actor, action: entry.action });
    return entry.reason ? t("withReason", { sentence: text, reason: entry.reason }) : text;
  };
  return (
    <div className="space-y-2" data-testid={testId}>
      {entries.length === 0 ? (
        <p className="text-sm text-slate-600">{t("empty")}</p>
      ) : (
        <ol className="divide-y divide-slate-100 rounded-lg bg-white text-sm shadow-sm">
          {entries.map((entry) => (
            <li key={entry.id} className="p-3" data-testid="activity-entry" data-action={entry.action}>
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <span data-testid="activity-text">{sentence(entry)}</span>
                <time className="text-xs text-slate-500" dateTime={entry.createdAt.toISOString()}>
                  {formatDateTime(entry.createdAt, locale, timeZone)}
                </time>
              </div>
              {(entry.before !== null || entry.after !== null) && (
                <details className="mt-1 text-xs text-slate-600">
                  <summary className="cursor-pointer">{t("details")}</summary>
                  <div className="mt-1 grid gap-2 md:grid-cols-2">
                    <div className="min-w-0">
                      <div className="font-medium">{t("before")}</div>
                      <pre className="overflow-x-auto whitespace-pre-wrap break-all">{JSON.stringify(entry.before, null, 2)}</pre>
                    </div>
                    <div className="min-w-0">
                      <div className="font-medium">{t("after")}</div>
                      <pre className="overflow-x-auto whitespace-pre-wrap break-all">{JSON.stringify(entry.after, null, 2)}</pre>
                    </div>
                  </div>
                </details>
              )}
            </li>
          ))}
        </ol>
      )}
      <div className="flex gap-4 text-sm">
        {newestHref && (
          <a className="underline" href={newestHref}>
            {t("newest")}
          </a>
        )}
        {olderHref && (
          <a className="underline" href={olderHref} data-testid="activity-older">
            {t("older")}
          </a>
        )}
      </div>
    </div>
  );
}
