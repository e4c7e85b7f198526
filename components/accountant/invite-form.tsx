"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
/** What the invite form shows after a try. */
export type InviteState =
  | { status: "idle" }
  | { status: "created"; email: string; path: string; locale: "en" | "fr-CA"; emailed: "sent" | "failed" }
  | { status: "error"; code: "already_member" | "invalid" };

/** Settings → Accountants: the invitation form and, once created, whether the email left and the link to copy (always). */
export function InviteForm({ merchantId, defaultLocale, invite }: { merchantId: string; defaultLocale: "en" | "fr-CA"; invite: (state: InviteState, form: FormData) => Promise<InviteState> }) {
  const t = useTranslations("accountant.accountants");
  const [state, action, pending] = useActionState<InviteState, FormData>(invite, { status: "idle" });
  const [copied, setCopied] = useState(false);
  const link = state.status === "created" ? `${typeof window === "undefined" ? "" : window.location.origin}${state.path}` : "";
  return (
    <div className="max-w-xl space-y-4 rounded-lg bg-white p-6 shadow-sm">
      <form action={action} className="space-y-3" data-testid="invite-form">
        <input type="hidden" name="merchantId" value={merchantId} />
        <label className="block">
          <span className="text-sm font-medium">{t("email")}</span>
          <input name="email" type="email" required className="mt-1 w-full rounded border border-slate-300 px-3 py-2" />
        </label>
        <label className="block">
          <span className="text-sm font-medium">{t("language")}</span>
          <select name="locale" defaultValue={defaultLocale} className="mt-1 rounded border border-slate-300 px-3 py-2">
            <option value="en">English</option>
            <option value="fr-CA">Français</option>
          </select>
        </label>
        <button type="submit" disabled={pending} className="rounded bg-blue-700 px-4 py-2 font-medium text-white disabled:opacity-60">
          {pending ? t("inviting") : t("invite")}
        </button>
      </form>
      {state.status === "error" && (
        <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-800">
          {t(`errors.${state.code}`)}
        </p>
      )}
      {state.status === "created" && (
        <div className="space-y-2 rounded bg-green-50 p-3 text-sm" data-testid="invite-created" data-emailed={state.emailed}>
          {state.emailed === "sent" ? (
            <>
              <p data-testid="invite-email-sent">{t("emailSent", { email: state.email, language: t(`languages.${state.locale}`) })}</p>
              <p>{t("createdCopy", { email: state.email })}</p>
            </>
          ) : (
            <>
              <p role="alert" className="rounded bg-amber-50 px-2 py-1 text-amber-900" data-testid="invite-email-failed">
                {t("emailFailed", { email: state.email })}
              </p>
              <p>{t("created", { email: state.email })}</p>
            </>
          )}
          <input readOnly value={link} className="w-full rounded border border-slate-300 px-2 py-1 font-mono text-xs" data-testid="invite-link" onFocus={(e) => e.currentTarget.select()} />
          <button
            type="button"
            className="rounded border border-slate-300 px-3 py-1"
            onClick={() => {
              void navigator.clipboard?.writeText(link);
              setCopied(true);
            }}
          >
            {copied ? t("copied") : t("copy")}
          </button>
        </div>
      )}
    </div>
  );
}
