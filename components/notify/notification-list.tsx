import Link from "next/link";

export interface NotificationListEntry {
  id: string;
  kind: string;
  title: string;
  body: string;
  lines: { text: string; detail?: string }[];
  more: string | null;
  action: string;
  openHref: string;
  receivedAt: string;
  unread: boolean;
  resolved: boolean;
}

export interface NotificationListLabels {
  unread: string;
  read: string;
  resolved: string;
}

/** The notifications page's list: unread ones marked, each with the one link where the reader acts. */
export function NotificationList({ entries, labels }: { entries: NotificationListEntry[]; labels: NotificationListLabels }) {
  return (
    <ul className="space-y-3" data-testid="notification-list">
      {entries.map((n) => (
        <li
          key={n.id}
          className={`rounded-lg border p-4 ${n.unread ? "border-blue-300 bg-blue-50" : "border-slate-200 bg-white"}`}
          data-testid="notification"
          data-kind={n.kind}
          data-state={n.unread ? "unread" : "read"}
        >
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <p className="font-semibold">{n.title}</p>
            <p className="text-xs text-slate-600">
              <span className={n.unread ? "font-semibold text-blue-900" : undefined}>{n.unread ? labels.unread : labels.read}</span>
              {n.resolved && <> · {labels.resolved}</>} · {n.receivedAt}
            </p>
          </div>
          <p className="mt-1 text-sm">{n.body}</p>
          {n.lines.length > 0 && (
            <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
              {n.lines.map((line, i) => (
                <li key={i} className="break-words">
                  {line.text}
                  {line.detail && <span className="block text-slate-600">{line.detail}</span>}
                </li>
              ))}
              {n.more && <li className="list-none text-slate-600">{n.more}</li>}
            </ul>
          )}
          <Link href={n.openHref} className="mt-3 inline-block rounded bg-blue-700 px-3 py-2 text-sm font-medium text-white hover:bg-blue-800" data-testid="notification-action">
            {n.action}
          </Link>
        </li>
      ))}
    </ul>
  );
}
