"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
/** What the invitation forms show after a try: an error code, or nothing. */
export type InviteFormState = { error: string | null };
export type InviteFormAction = (state: InviteFormState, form: FormData) => Promise<InviteFormState>;

const inputClass = "mt-1 w-full rounded border border-slate-300 px-3 py-2";

/** The invitee has no account yet: a name and a password (the email is the invitation's). */
export function InviteAccountForm({ token, locale, createAccount }: { token: string; locale: string; createAccount: InviteFormAction }) {
  const t = useTranslations("accountant.invite");
  const [state, action, pending] = useActionState<InviteFormState, FormData>(createAccount, { error: null });
  return (
    <form action={action} className="space-y-3" data-testid="invite-create-account">
      <h2 className="font-semibold">{t("createTitle")}</h2>
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="locale" value={locale} />
      <label className="block">
        <span className="text-sm font-medium">{t("name")}</span>
        <input name="name" required autoComplete="name" className={inputClass} />
      </label>
      <label className="block">
        <span className="text-sm font-medium">{t("password")}</span>
        <input name="password" type="password" required minLength={12} autoComplete="new-password" className={inputClass} />
      </label>
      {state.error && (
        <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-800">
          {t(`errors.${state.error}` as "errors.not_found")}
        </p>
      )}
      <button type="submit" disabled={pending} className="w-full rounded bg-green-700 px-4 py-2 font-medium text-white disabled:opacity-60">
        {t("create")}
      </button>
    </form>
  );
}

/** The invited email has an account: sign in with it, back to the invitation to accept. */
export function InviteSignInForm({ token, email, signInToAccept }: { token: string; email: string; signInToAccept: InviteFormAction }) {
  const t = useTranslations("accountant.invite");
  const [state, action, pending] = useActionState<InviteFormState, FormData>(signInToAccept, { error: null });
  return (
    <form action={action} className="space-y-3" data-testid="invite-sign-in">
      <h2 className="font-semibold">{t("signInTitle")}</h2>
      <p className="text-sm">{t("signInIntro", { email })}</p>
      <input type="hidden" name="token" value={token} />
      <label className="block">
        <span className="text-sm font-medium">{t("email")}</span>
        <input name="email" type="email" required defaultValue={email} autoComplete="username" className={inputClass} />
      </label>
      <label className="block">
        <span className="text-sm font-medium">{t("password")}</span>
        <input name="password" type="password" required autoComplete="current-password" className={inputClass} />
      </label>
      {state.error && (
        <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.error === "signInFailed" ? t("signInFailed") : t(`errors.${state.error}` as "errors.not_found")}
        </p>
      )}
      <button type="submit" disabled={pending} className="w-full rounded bg-blue-700 px-4 py-2 font-medium text-white disabled:opacity-60">
        {t("signIn")}
      </button>
    </form>
  );
}
