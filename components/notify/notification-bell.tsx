import Link from "next/link";

/** The shell's bell: links to the business's notifications, with the reader's unread count. */
export function NotificationBell({ href, unread, label }: { href: string; unread: number; label: string }) {
  return (
    <Link href={href} aria-label={label} title={label} className="relative inline-flex items-center gap-2 rounded px-3 py-2 text-sm text-slate-700 hover:bg-slate-100" data-testid="notification-bell">
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2">
        <path d="M18 8a6 6 0 1 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
        <path d="M13.7 21a2 2 0 0 1-3.4 0" />
      </svg>
      {unread > 0 && (
        <span className="rounded-full bg-red-700 px-2 text-xs font-semibold text-white" data-testid="notification-count">
          {unread}
        </span>
      )}
    </Link>
  );
}
