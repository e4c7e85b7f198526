"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";

export type SignInState = { failed: boolean };
/** The sign-in server action (app/ passes it: components never import app/). */
export type SignInAction = (previous: SignInState, form: FormData) => Promise<SignInState>;

export function SignInForm({ signIn }: { signIn: SignInAction }) {
  const t = useTranslations("auth.signIn");
  const [state, action, pending] = useActionState<SignInState, FormData>(signIn, { failed: false });
  return (
    <form action={action} className="mt-6 space-y-4">
      <label className="block">
        <span className="text-sm font-medium">{t("email")}</span>
        <input name="email" type="email" required autoComplete="username" className="mt-1 w-full rounded border border-slate-300 px-3 py-2" />
      </label>
      <label className="block">
        <span className="text-sm font-medium">{t("password")}</span>
        <input name="password" type="password" required autoComplete="current-password" className="mt-1 w-full rounded border border-slate-300 px-3 py-2" />
      </label>
      {state.failed && (
        <p role="alert" data-testid="signin-error" className="rounded bg-red-50 px-3 py-2 text-sm text-red-800">
          {t("failed")}
        </p>
      )}
      <button type="submit" disabled={pending} className="w-full rounded bg-blue-700 px-4 py-2 font-medium text-white disabled:opacity-60">
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
