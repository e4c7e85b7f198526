import { getTranslations } from "next-intl/server";
import { isRefusalCode } from "@/lib/quickbooks/connection/refusal";
import { Notice } from "./notice";

/** Refusals of the OAuth round trip: nothing was stored, and the owner can start again. */
const STATE_PROBLEMS = new Set(["state_invalid", "state_expired", "state_reused", "state_foreign", "authorization_failed"]);

/** Explains a refusal code from the connection service (or a route) in the reader's language. */
export async function RefusalNotice({ code, values: given }: { code: string; values: Record<string, string> }) {
  const t = await getTranslations("quickbooks.errors");
  // Placeholders come from refusalValues (server records, codes checked); a missing one shows "?".
  const values = { companyCurrency: "?", businessCurrency: "?", companyName: "?", name: "?", existingType: "?", ...given };
  // Only codes the portal itself puts in the URL are explained; anything else reads as a generic failure.
  const known = isRefusalCode(code) || code === "consent_required";
  const message = known ? t(code, values) : t("generic");
  if (STATE_PROBLEMS.has(code)) {
    return (
      <Notice tone="error" title={t("stateTitle")} testId="qbo-error">
        <p>{message}</p>
        <p className="mt-1">{t("nothingStored")}</p>
      </Notice>
    );
  }
  return (
    <Notice tone={code === "access_denied" ? "warning" : "error"} testId="qbo-error">
      {message}
    </Notice>
  );
}
