import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { isLive } from "@/lib/quickbooks/connection/connection-record";
import { quickbooksContext } from "../../_data/context";
import { closingPeriod } from "@/lib/i18n/closing-period";

const actionSchema = z.enum(["pause", "resume", "reauthorize", "disconnect"]);

/** The confirmation of a Manage action, saying exactly what will happen; Confirm posts it. */
export default async function ConfirmPage({ params }: { params: Promise<{ merchantId: string; action: string }> }) {
  const { merchantId, action: rawAction } = await params;
  const parsed = actionSchema.safeParse(rawAction);
  if (!parsed.success) notFound();
  const action = parsed.data;
  const ctx = await quickbooksContext(merchantId);
  if (!ctx.canManage || !isLive(ctx.connection)) redirect(ctx.base);
  const t = await getTranslations("quickbooks.confirm");
  const target = action === "reauthorize" ? "/api/quickbooks/reauthorize" : "/api/quickbooks/manage";
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">{t(`${action}.title`)}</h1>
      <div className="max-w-2xl space-y-2 rounded-lg bg-white p-6 shadow-sm" data-testid="qbo-confirm-text">
        <p>{t(`${action}.body`, { company: ctx.connection?.companyName ?? "", period: closingPeriod(ctx.connection?.companyName ?? "") })}</p>
      </div>
      <form method="post" action={target} className="flex items-center gap-4">
        <input type="hidden" name="merchantId" value={ctx.business.merchantId} />
        {action !== "reauthorize" && <input type="hidden" name="action" value={action} />}
        <button type="submit" className={`rounded px-4 py-2 font-medium text-white ${action === "disconnect" ? "bg-red-700 hover:bg-red-800" : "bg-green-700 hover:bg-green-800"}`}>
          {t(`${action}.confirm`)}
        </button>
        <Link href={ctx.base} className="text-sm underline">
          {t("cancel")}
        </Link>
      </form>
    </section>
  );
}
