import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { NotificationBell } from "@/components/notify/notification-bell";
import { BusinessSwitcher } from "@/components/shell/business-switcher";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { SideNav } from "@/components/shell/side-nav";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { getDb } from "@/lib/database";
import { env } from "@/lib/env";
import { unreadCount } from "@/lib/notify/inbox";
import { findConnection, isInSetup } from "@/lib/quickbooks/connection/connection-record";
import { cookies } from "next/headers";
import { PresentingMask } from "@/components/presenting/presenting-mask";
import { PresentingBanner, PresentingToggle } from "@/components/presenting/presenting-toggle";
import { PRESENTING_COOKIE } from "@/lib/presenting/mask";
import { currentBusinesses, requireBusiness } from "../../_server/session";
import { setLocaleAction } from "@/app/actions/preferences";
import { signOutAction, signOutEverywhereAction } from "@/app/actions/sign-out";
import { setPresentingAction } from "@/app/actions/presenting";

export const dynamic = "force-dynamic";

/** The portal shell of one business: side menu, business switch, language, sign-out. */
export default async function BusinessLayout({ children, params }: { children: ReactNode; params: Promise<{ merchantId: string }> }) {
  const { merchantId } = await params;
  const { business, role, user } = await requireBusiness(merchantId);
  const businesses = await currentBusinesses(user.id);
  const t = await getTranslations("common");
  const tq = await getTranslations("quickbooks.status");
  const connection = await findConnection(getDb(), business.id);
  const presenting = (await cookies()).get(PRESENTING_COOKIE)?.value === "on";
  const quickbooksBadge = isInSetup(connection) ? tq("setup") : tq(connection?.status ?? "not_connected");
  const tn = await getTranslations("notify.bell");
  const unread = await unreadCount(getDb(), business.id, user.id);
  return (
    // A phone-width screen stacks the menu above the page; from md up it is a side column.
    <div className={`flex min-h-screen flex-col md:flex-row ${presenting ? "presenting" : ""}`} data-presenting={presenting ? "on" : "off"}>
      {presenting && <PresentingMask secrets={[user.email, connection?.realmId ?? ""].filter(Boolean)} />}
      <aside className="flex w-full shrink-0 flex-col gap-6 border-b border-slate-200 bg-white p-4 md:w-64 md:border-r md:border-b-0">
        <div>
          <p className="text-xs uppercase tracking-wide text-slate-500">{t("processorPortal", { processor: env().PROCESSOR_NAME })}</p>
          <p className="mt-1 font-semibold" data-testid="current-business">
            {business.legalName}
          </p>
          <p className="text-xs text-slate-500">{t(`roles.${role}`)}</p>
        </div>
        <NotificationBell href={`/b/${encodeURIComponent(business.merchantId)}/notifications`} unread={unread} label={tn("unread", { count: unread })} />
        {businesses.length > 1 && (
          <BusinessSwitcher
            current={business.merchantId}
            choices={businesses.map((b) => ({ merchantId: b.business.merchantId, legalName: b.business.legalName }))}
          />
        )}
        <SideNav merchantId={business.merchantId} quickbooksBadge={quickbooksBadge} />
        <div className="mt-auto space-y-3 border-t pt-4">
          {user.isSupport && (
            <Link href="/admin" className="block text-sm text-blue-700 underline">
              {t("nav.admin")}
            </Link>
          )}
          <LanguageSwitch setLocale={setLocaleAction} />
          <PresentingToggle on={presenting} setPresenting={setPresentingAction} />
          <p className="text-xs text-slate-500">{t("signedInAs", { email: user.email })}</p>
          <SignOutButton signOut={signOutAction} signOutEverywhere={signOutEverywhereAction} />
        </div>
      </aside>
      <main className="min-w-0 flex-1 p-4 md:p-8">
        {presenting && <PresentingBanner />}
        {children}
      </main>
    </div>
  );
}
