import { getLocale, getTranslations } from "next-intl/server";
import { InviteAccountForm, InviteSignInForm } from "@/components/accountant/invite-accept-forms";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { getDb } from "@/lib/database";
import { isLocale } from "@/lib/i18n/locales";
import { InvitationRefusedError, openInvitation, type OpenedInvitation } from "@/lib/invitations/invitations";
import { currentUser } from "../../_server/session";
import { acceptAction } from "./actions";
import { setLocaleAction } from "@/app/actions/preferences";
import { signOutAction, signOutEverywhereAction } from "@/app/actions/sign-out";
import { createAccountAction, signInToAcceptAction } from "./actions";

export const dynamic = "force-dynamic";

/** /invite/<token>: the invitee creates an account or signs in, then accepts. Open to signed-out visitors (see proxy.ts). */
export default async function InvitePage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<{ error?: string }> }) {
  const { token } = await params;
  const { error } = await searchParams;
  const t = await getTranslations("accountant.invite");
  const requestLocale = await getLocale();
  let opened: OpenedInvitation | null = null;
  let refusal: string | null = null;
  try {
    opened = await openInvitation(getDb(), token);
  } catch (e) {
    if (!(e instanceof InvitationRefusedError)) throw e;
    refusal = e.code;
  }
  const user = await currentUser();
  return (
    <main className="mx-auto mt-16 max-w-md space-y-4 rounded-lg bg-white p-8 shadow">
      {!opened ? (
        <p role="alert" data-testid="invite-refused">
          {t(`errors.${refusal ?? "not_found"}` as "errors.not_found")}
        </p>
      ) : (
        <>
          <h1 className="text-2xl font-semibold">{t("title", { business: opened.businessName })}</h1>
          <p className="text-sm text-slate-700">{t("intro", { business: opened.businessName, email: opened.invitation.email })}</p>
          {error && (
            <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-800">
              {t(`errors.${error}` as "errors.not_found")}
            </p>
          )}
          {user ? (
            user.email === opened.invitation.email ? (
              <form action={acceptAction} className="space-y-2">
                <p className="text-sm">{t("signedInAs", { email: user.email })}</p>
                <input type="hidden" name="token" value={token} />
                <button type="submit" className="w-full rounded bg-green-700 px-4 py-2 font-medium text-white" data-testid="invite-accept">
                  {t("accept")}
                </button>
              </form>
            ) : (
              <div className="space-y-2">
                <p role="alert" className="text-sm">{t("wrongAccount", { email: opened.invitation.email })}</p>
                <SignOutButton signOut={signOutAction} signOutEverywhere={signOutEverywhereAction} />
              </div>
            )
          ) : opened.accountExists ? (
            <InviteSignInForm token={token} email={opened.invitation.email} signInToAccept={signInToAcceptAction} />
          ) : (
            <InviteAccountForm token={token} locale={isLocale(requestLocale) ? requestLocale : opened.invitation.locale} createAccount={createAccountAction} />
          )}
        </>
      )}
      <div className="border-t pt-4">
        <LanguageSwitch setLocale={setLocaleAction} />
      </div>
    </main>
  );
}
