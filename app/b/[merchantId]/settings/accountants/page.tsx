import { getTranslations } from "next-intl/server";
import { InviteForm } from "@/components/accountant/invite-form";
import { tableClasses } from "@/components/portal/table-styles";
import { formatDateTime } from "@/components/quickbooks/format";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/database";
import { listInvitations } from "@/lib/invitations/invitations";
import { requireBusiness } from "../../../../_server/session";
import { revokeInvitationAction } from "./actions";
import { inviteAccountantAction } from "./actions";

/** Settings → Accountants: invite an accountant, see pending and accepted invitations, revoke (owner). */
export default async function AccountantsPage({ params }: { params: Promise<{ merchantId: string }> }) {
  const { merchantId } = await params;
  const { business, role, user } = await requireBusiness(merchantId);
  const t = await getTranslations("accountant.accountants");
  if (!can(role, "accountants.manage")) {
    return (
      <section className="space-y-4">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p data-testid="accountants-owner-only">{t("ownerOnly")}</p>
      </section>
    );
  }
  const list = await listInvitations(getDb(), business.id);
  return (
    <section className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-slate-700">{t("intro")}</p>
      <InviteForm merchantId={business.merchantId} defaultLocale={user.locale === "fr-CA" ? "fr-CA" : "en"} invite={inviteAccountantAction} />
      <div className="space-y-2">
        <h2 className="text-lg font-semibold">{t("list")}</h2>
        {list.length === 0 ? (
          <p>{t("none")}</p>
        ) : (
          <div className={tableClasses.wrapper}>
            <table className={tableClasses.table} data-testid="invitations">
              <thead>
                <tr>
                  <th className={tableClasses.headerCell}>{t("email")}</th>
                  <th className={tableClasses.headerCell}>{t("state")}</th>
                  <th className={tableClasses.headerCell}>{t("sent")}</th>
                  <th className={tableClasses.headerCell}>{t("expires")}</th>
                  <th className={tableClasses.headerCell} />
                </tr>
              </thead>
              <tbody>
                {list.map((invitation) => (
                  <tr key={invitation.id} className={tableClasses.row} data-testid="invitation" data-state={invitation.state}>
                    <td className="px-4 py-2 break-all" data-sensitive="email">
                      {invitation.email}
                    </td>
                    <td className={tableClasses.cell} data-testid="invitation-state">
                      {t(`states.${invitation.state}`)}
                    </td>
                    <td className={tableClasses.cell}>{formatDateTime(invitation.createdAt, user.locale, business.timezone)}</td>
                    <td className={tableClasses.cell}>{formatDateTime(invitation.expiresAt, user.locale, business.timezone)}</td>
                    <td className={tableClasses.cell}>
                      {(invitation.state === "pending" || invitation.state === "accepted") && (
                        <form action={revokeInvitationAction}>
                          <input type="hidden" name="merchantId" value={business.merchantId} />
                          <input type="hidden" name="invitationId" value={invitation.id} />
                          <button type="submit" className="rounded border border-red-300 px-2 py-1 text-sm text-red-800 hover:bg-red-50" data-testid="invitation-revoke">
                            {invitation.state === "accepted" ? t("revokeAccepted") : t("revoke")}
                          </button>
                        </form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}
