import { useTranslations } from "next-intl";
import { formatBusinessDateLong, formatDateTime } from "@/components/quickbooks/format";
import { formatMoney } from "@/lib/i18n/money";
import type { SupportMerchantView } from "@/lib/support/merchant";

type Fmt = { locale: string; timeZone: string };

/** The raw stored detail, one click away from the plain-language line above it. */
export function Raw({ value, label }: { value: unknown; label: string }) {
  return (
    <details className="mt-1 text-xs text-slate-600">
      <summary className="cursor-pointer">{label}</summary>
      <pre className="overflow-x-auto whitespace-pre-wrap break-all">{JSON.stringify(value, null, 2)}</pre>
    </details>
  );
}

function Section({ title, children, testId }: { title: string; children: React.ReactNode; testId: string }) {
  return (
    <section className="space-y-2" data-testid={testId}>
      <h2 className="text-lg font-semibold">{title}</h2>
      <div className="rounded-lg bg-white p-4 text-sm shadow-sm">{children}</div>
    </section>
  );
}

export function MembersSection({ view }: { view: SupportMerchantView }) {
  const t = useTranslations("support.merchant");
  return (
    <Section title={t("members")} testId="support-members">
      {view.members.length === 0 ? (
        <p>{t("noMembers")}</p>
      ) : (
        <ul className="space-y-1">
          {view.members.map((m) => (
            <li key={m.email} data-testid="support-member">
              <span className="font-mono">{m.email}</span>
              {m.name ? ` (${m.name})` : ""} · {t(`role.${m.role as "owner" | "accountant" | "staff"}`)}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export function ConnectionSection({ view, fmt }: { view: SupportMerchantView; fmt: Fmt }) {
  const t = useTranslations("support.merchant");
  const ts = useTranslations("support.state");
  const c = view.connection;
  const when = (d: Date | null) => (d ? formatDateTime(d, fmt.locale, fmt.timeZone) : t("facts.never"));
  const who = (p: { name: string | null; email: string } | null) => (p ? (p.name ? `${p.name} <${p.email}>` : p.email) : t("facts.unknown"));
  if (!c) {
    return (
      <Section title={t("connection")} testId="support-connection">
        <p>{t("noConnection")}</p>
      </Section>
    );
  }
  const facts: [string, string, string?][] = [
    [t("facts.company"), c.companyName ?? "—"],
    [t("facts.realmId"), c.realmId ?? "—", "support-realm-id"],
    [t("facts.status"), c.stateSince ? t("facts.statusSince", { status: ts(c.state), when: when(c.stateSince) }) : ts(c.state), "support-connection-state"],
    [t("facts.connected"), c.connectedAt ? t("facts.byWhom", { when: when(c.connectedAt), who: who(c.connectedBy) }) : t("facts.never")],
    [t("facts.reauthorized"), c.lastReauthorizedAt ? t("facts.byWhom", { when: when(c.lastReauthorizedAt), who: who(c.lastReauthorizedBy) }) : t("facts.never")],
    [t("facts.tokenRefresh"), when(c.lastTokenRefreshAt)],
    [t("facts.hardExpiry"), c.refreshTokenHardExpiresAt ? when(c.refreshTokenHardExpiresAt) : t("facts.unknown")],
    [t("facts.lastSync"), when(c.lastSuccessfulSyncAt)],
    [t("facts.nextSync"), c.nextSyncAt ? when(c.nextSyncAt) : t("facts.notScheduled"), "support-next-sync"],
  ];
  return (
    <Section title={t("connection")} testId="support-connection">
      <dl className="grid gap-x-6 gap-y-1 md:grid-cols-[max-content_1fr]">
        {facts.map(([label, value, testId]) => (
          <div key={label} className="contents">
            <dt className="font-medium text-slate-600">{label}</dt>
            <dd data-testid={testId}>{value}</dd>
          </div>
        ))}
      </dl>
      <Raw value={c.raw} label={t("raw")} />
    </Section>
  );
}

export function VersionsSection({ view, fmt }: { view: SupportMerchantView; fmt: Fmt }) {
  const t = useTranslations("support.merchant");
  return (
    <Section title={t("versions")} testId="support-versions">
      {view.versions.length === 0 ? (
        <p>{t("noVersions")}</p>
      ) : (
        <ul className="space-y-2">
          {view.versions.map((v) => (
            <li key={v.id}>
              {t("version", {
                version: v.version,
                from: formatBusinessDateLong(v.effectiveFrom, fmt.locale),
                bank: v.bankAccountName,
                revenue: v.revenueAccountName,
                expense: v.expenseAccountName,
                customer: v.customerName,
                tax: v.taxCodeName,
                who: v.createdByName ?? v.createdByEmail ?? "—",
              })}
              <Raw value={v} label={t("raw")} />
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export function LedgerSection({ view, fmt }: { view: SupportMerchantView; fmt: Fmt }) {
  const t = useTranslations("support.merchant");
  return (
    <Section title={t("ledger")} testId="support-ledger">
      <ul className="space-y-1">
        {view.ledger.map((day) => (
          <li key={day.date} data-testid="support-ledger-day" data-date={day.date} data-state={day.state}>
            {t("ledgerDay", { date: formatBusinessDateLong(day.date, fmt.locale), state: t(`ledgerStates.${day.state}`) })}
            <Raw value={day} label={t("raw")} />
          </li>
        ))}
      </ul>
    </Section>
  );
}

export function RunsSection({ view, fmt }: { view: SupportMerchantView; fmt: Fmt }) {
  const t = useTranslations("support.merchant");
  const tr = useTranslations("sync.runs");
  return (
    <Section title={t("runs")} testId="support-runs">
      {view.runs.length === 0 ? (
        <p>{t("noRuns")}</p>
      ) : (
        <ul className="space-y-2">
          {view.runs.map((run) => (
            <li key={run.id} data-testid="support-run" data-trigger={run.trigger}>
              {t("run", {
                when: formatDateTime(run.startedAt, fmt.locale, fmt.timeZone),
                trigger: tr.has(`triggers.${run.trigger}`) ? tr(`triggers.${run.trigger}`) : run.trigger,
                status: tr(`statuses.${run.status}`),
                documents: run.documentsCreated,
                failed: run.itemsFailed,
              })}
              {run.message && <div className="text-slate-600">{run.message}</div>}
              {run.failedCalls.length > 0 && (
                <details className="mt-1 text-xs">
                  <summary className="cursor-pointer">{t("failedCalls")}</summary>
                  <ul className="font-mono">
                    {run.failedCalls.map((call, i) => (
                      <li key={i} data-testid="support-failed-call">
                        {t("failedCall", { method: call.method, path: call.path, status: call.status ?? "—", code: call.code, tid: call.intuitTid ?? t("noTid") })}
                      </li>
                    ))}
                  </ul>
                </details>
              )}
              <Raw value={run} label={t("raw")} />
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export function NotificationsSection({ view, fmt }: { view: SupportMerchantView; fmt: Fmt }) {
  const t = useTranslations("support.merchant");
  return (
    <Section title={t("notifications")} testId="support-notifications">
      {view.notifications.length === 0 ? (
        <p>{t("noNotifications")}</p>
      ) : (
        <ul className="space-y-1">
          {view.notifications.map((n) => (
            <li key={n.id} data-testid="support-notification">
              {t("notification", { when: formatDateTime(n.receivedAt, fmt.locale, fmt.timeZone), entity: n.entity, entityId: n.entityId, operation: n.operation })}
              <Raw value={n} label={t("raw")} />
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export function amountOf(item: { amountMinor: number; currency: string }, locale: string): string {
  return item.currency === "CAD" || item.currency === "USD" ? formatMoney(item.amountMinor, item.currency, locale as never) : String(item.amountMinor);
}
