import { useTranslations } from "next-intl";
import type { LinkedQboDocument } from "@/lib/sync/day-ledger";

/**
 * A posted document, opened where it lives: QuickBooks (or the offline sandbox's page), in a new
 * tab. The words say which document ("Deposit 1042 in QuickBooks"). Works in server and client
 * components alike (no hooks beyond the translations).
 */
export function QboDocumentLink({ document, testId = "qbo-document-link" }: { document: LinkedQboDocument; testId?: string }) {
  const t = useTranslations("qboDocuments");
  return (
    <a
      href={document.url}
      target="_blank"
      rel="noreferrer"
      className="text-blue-700 underline"
      data-testid={testId}
      data-entity={document.entity}
      title={t("newTab")}
    >
      {t("link", { entity: document.entity, id: document.id })}
    </a>
  );
}
