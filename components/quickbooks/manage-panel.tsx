import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ConnectionOverview } from "@/lib/quickbooks/connection/overview";
import { formatBusinessDateLong, formatDateTime } from "./format";
import { nextSyncText } from "./next-sync";

interface ManagePanelProps {
  merchantId: string;
  overview: ConnectionOverview & { connection: NonNullable<ConnectionOverview["connection"]> };
  canManage: boolean;
  locale: string;
  timeZone: string;
}

/** The Manage tab's status block and (owner only) its actions; each action opens its confirmation. */
export async function ManagePanel({ merchantId, overview, canManage, locale, timeZone }: ManagePanelProps) {
  const t = await getTranslations("quickbooks.manage");
  const ts = await getTranslations("quickbooks.status");
  const { connection } = overview;
  const base = `/b/${encodeURIComponent(merchantId)}/quickbooks`;
  const never = t("never");
  const facts: [string, string, string][] = [
    ["status", t("statusLabel"), ts(connection.status)],
    ["company", t("company"), connection.companyName ?? "—"],
    [
      "connected",
      t("connected"),
      connection.connectedAt ? t("connectedByOn", { when: formatDateTime(connection.connectedAt, locale, timeZone), name: overview.connectedByName ?? "—" }) : "—",
    ],
    ["first-day", t("firstDay"), connection.connectedOn ? formatBusinessDateLong(connection.connectedOn, locale) : "—"],
    ["last-sync", t("lastSync"), connection.lastSuccessfulSyncAt ? formatDateTime(connection.lastSuccessfulSyncAt, locale, timeZone) : never],
    ["next-sync", t("nextSync"), await nextSyncText({ nextSyncAt: overview.nextSyncAt, scheduleOff: overview.scheduleOff, status: connection.status, locale, timeZone })],
  ];
  if (overview.pausedFrom) facts.push(["paused-from", t("pausedFrom"), formatBusinessDateLong(overview.pausedFrom, locale)]);
  const live = connection.status !== "disconnected" && connection.status !== "not_connected";
  const action = (name: string, label: string, tone = "bg-white text-slate-900 border border-slate-300 hover:bg-slate-100") => (
    <Link key={name} href={`${base}/confirm/${name}`} className={`rounded px-3 py-2 text-sm font-medium ${tone}`}>
      {label}
    </Link>
  );
  return (
    <div className="space-y-4 rounded-lg bg-white p-6 shadow-sm" data-testid="qbo-manage">
      <dl className="grid max-w-3xl grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
        {facts.map(([key, label, value]) => (
          <div key={key} className="contents">
            <dt className="text-slate-500">{label}</dt>
            <dd data-testid={`qbo-${key}`}>{value}</dd>
          </div>
        ))}
      </dl>
      {canManage && live && (
        <div className="flex flex-wrap gap-3" data-testid="qbo-actions">
          {connection.status === "active" && action("pause", t("pause"))}
          {connection.status === "paused" && action("resume", t("resume"), "bg-green-700 text-white hover:bg-green-800")}
          <Link href={`${base}/mapping`} className="rounded border border-slate-300 px-3 py-2 text-sm font-medium hover:bg-slate-100">
            {t("editMapping")}
          </Link>
          {action("reauthorize", t("reauthorize"), connection.status === "needs_reauthorization" ? "bg-green-700 text-white hover:bg-green-800" : undefined)}
          {action("disconnect", t("disconnect"), "bg-red-700 text-white hover:bg-red-800")}
        </div>
      )}
      {!canManage && <p className="text-sm text-slate-600">{t("readOnly")}</p>}
    </div>
  );
}
