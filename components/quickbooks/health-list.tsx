import { getTranslations } from "next-intl/server";
import type { HealthResult } from "@/lib/quickbooks/mapping/mapping-health-cache";
import { Notice } from "./notice";

export type { HealthResult };

/** Mapping health: names the broken reference and how to fix it. */
export async function HealthList({ health, canEdit }: { health: HealthResult; canEdit: boolean }) {
  const t = await getTranslations("quickbooks.health");
  if (health.state === "ok") return <Notice tone="success" title={t("ok")} testId="qbo-health" />;
  if (health.state === "unavailable") return <Notice tone="warning" title={t("unavailable")} testId="qbo-health" />;
  return (
    <Notice tone="error" title={t("brokenTitle")} testId="qbo-health">
      <ul className="list-disc pl-5">
        {health.broken.map((b) => (
          <li key={b.slot}>
            {t(`problem.${b.problem}`, { what: t(`slot.${b.slot}`), name: b.name })} {canEdit ? t(`fix.${b.problem}`) : t("fixAskOwner")}
          </li>
        ))}
      </ul>
    </Notice>
  );
}
