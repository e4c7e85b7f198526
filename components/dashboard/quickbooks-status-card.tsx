import Link from "next/link";
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { formatDateTime } from "@/components/quickbooks/format";
import { nextSyncText } from "@/components/quickbooks/next-sync";
import type { QuickBooksStatus } from "@/lib/portal/overview";

interface QuickBooksStatusCardProps {
  status: QuickBooksStatus | null;
  /** The QuickBooks page of the business. */
  href: string;
  /** Owner and accountant: failed items and their link (staff see the state only). */
  canViewDetails: boolean;
  locale: string;
  timeZone: string;
}

/** The overview's QuickBooks block: state, last successful sync, failed items, next sync. */
export async function QuickBooksStatusCard({ status, href, canViewDetails, locale, timeZone }: QuickBooksStatusCardProps) {
  const t = await getTranslations("dashboard.quickbooks");
  const ts = await getTranslations("quickbooks.status");
  if (!status || status.status === "not_connected" || status.status === "disconnected") {
    return (
      <div className="rounded-lg bg-white p-6 shadow-sm" data-testid="overview-quickbooks">
        <h2 className="text-lg font-semibold">{t("title")}</h2>
        <p className="mt-2 text-sm" data-testid="overview-qbo-status">
          {status ? ts(status.status) : t("notConnected")}
        </p>
        <Link href={href} className="mt-3 inline-block text-sm text-blue-700 underline">
          {t("connect")}
        </Link>
      </div>
    );
  }
  const nextSync = await nextSyncText({ nextSyncAt: status.nextSyncAt, scheduleOff: status.scheduleOff, status: status.status, locale, timeZone });
  const facts: [string, string, ReactNode][] = [
    ["status", t("status"), status.inSetup ? ts("setup") : ts(status.status)],
    ["company", t("company"), status.companyName ?? "—"],
    ["last-sync", t("lastSync"), status.lastSuccessfulSyncAt ? formatDateTime(status.lastSuccessfulSyncAt, locale, timeZone) : t("never")],
    ["next-sync", t("nextSync"), nextSync],
  ];
  if (canViewDetails) {
    facts.push([
      "failed",
      t("failed"),
      <>
        {t("failedCount", { count: status.failedItems })}
        {status.failedItems > 0 && (
          <>
            {" · "}
            <Link href={`${href}#failed`} className="text-blue-700 underline" data-testid="overview-failed-link">
              {t("failedLink")}
            </Link>
          </>
        )}
      </>,
    ]);
  }
  return (
    <div className="rounded-lg bg-white p-6 shadow-sm" data-testid="overview-quickbooks">
      <h2 className="text-lg font-semibold">
        <Link href={href} className="hover:underline">
          {t("title")}
        </Link>
      </h2>
      <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        {facts.map(([key, label, value]) => (
          <div key={key} className="contents">
            <dt className="text-slate-500">{label}</dt>
            <dd className="mb-2 break-words sm:mb-0" data-testid={`overview-qbo-${key}`}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
