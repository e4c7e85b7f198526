import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** The not-connected page: what is shared, when, what is needed, and Connect (owner only). */
export async function IntroPanel({ merchantId, canConnect, processorName }: { merchantId: string; canConnect: boolean; processorName: string }) {
  const t = await getTranslations("quickbooks.intro");
  return (
    <div className="max-w-2xl space-y-4 rounded-lg bg-white p-6 shadow-sm" data-testid="qbo-intro">
      <p>{t("lead", { processor: processorName })}</p>
      <div>
        <h2 className="font-semibold">{t("whatTitle")}</h2>
        <ul className="mt-1 list-disc pl-6 text-sm">
          {(["sales", "refunds", "chargebacks", "fees", "deposits"] as const).map((item) => (
            <li key={item}>{t(`what.${item}`)}</li>
          ))}
        </ul>
      </div>
      <div>
        <h2 className="font-semibold">{t("whenTitle")}</h2>
        <p className="text-sm">{t("when")}</p>
      </div>
      <div>
        <h2 className="font-semibold">{t("needTitle")}</h2>
        <p className="text-sm">{t("need")}</p>
        <p className="text-sm">{t("desktop")}</p>
      </div>
      {canConnect ? (
        <Link href={`/b/${encodeURIComponent(merchantId)}/quickbooks/connect`} className="inline-block rounded bg-green-700 px-4 py-2 font-medium text-white hover:bg-green-800">
          {t("connect")}
        </Link>
      ) : (
        <p className="text-sm text-slate-600" data-testid="qbo-owner-only">
          {t("ownerOnly")}
        </p>
      )}
    </div>
  );
}
