import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { BusinessSwitcher } from "@/components/shell/business-switcher";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { SideNav } from "@/components/shell/side-nav";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { getDb } from "@/lib/database";
import { env } from "@/lib/env";
import { findConnection, isInSetup } from "@/lib/quickbooks/connection/connection-record";
import { currentBusinesses, requireBusiness } from "../../_server/session";
import { setLocaleAction } from "@/app/actions/preferences";
import { signOutAction } from "@/app/actions/sign-out";

export const dynamic = "force-dynamic";

/** The portal shell of one business: side menu, business switch, language, sign-out. */
export default async function BusinessLayout({ children, params }: { children: ReactNode; params: Promise<{ merchantId: string }> }) {
  const { merchantId } = await params;
  const { business, role, user } = await requireBusiness(merchantId);
  const businesses = await currentBusinesses(user.id);
  const t = await getTranslations("common");
  const tq = await getTranslations("quickbooks.status");
  const connection = await findConnection(getDb(), business.id);
  const quickbooksBadge = isInSetup(connection) ? tq("setup") : tq(connection?.status ?? "not_connected");
  return (
    <div className="flex min-h-screen">
      <aside className="flex w-64 shrink-0 flex-col gap-6 border-r border-slate-200 bg-white p-4">
        <div>
          <p className="text-xs uppercase tracking-wide text-slate-500">{t("processorPortal", { processor: env().PROCESSOR_NAME })}</p>
          <p className="mt-1 font-semibold" data-testid="current-business">
            {business.legalName}
          </p>
          <p className="text-xs text-slate-500">{t(`roles.${role}`)}</p>
        </div>
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
          <p className="text-xs text-slate-500">{t("signedInAs", { email: user.email })}</p>
          <SignOutButton signOut={signOutAction} />
        </div>
      </aside>
      <main className="min-w-0 flex-1 p-8">{children}</main>
    </div>
  );
}
