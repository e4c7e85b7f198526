"use client";

import Link from "next/link";
import { useSelectedLayoutSegment } from "next/navigation";
import { useTranslations } from "next-intl";

const SECTIONS = ["overview", "transactions", "deposits", "quickbooks", "settings"] as const;

export function SideNav({ merchantId, quickbooksBadge }: { merchantId: string; quickbooksBadge?: string }) {
  const t = useTranslations("common.nav");
  const active = useSelectedLayoutSegment();
  return (
    <nav aria-label={t("label")}>
      <ul className="space-y-1">
        {SECTIONS.map((section) => (
          <li key={section}>
            <Link
              href={`/b/${encodeURIComponent(merchantId)}/${section}`}
              aria-current={active === section ? "page" : undefined}
              className={`flex items-center justify-between rounded px-3 py-2 text-sm ${active === section ? "bg-blue-100 font-medium text-blue-900" : "text-slate-700 hover:bg-slate-100"}`}
            >
              <span>{t(section)}</span>
              {section === "quickbooks" && quickbooksBadge && <span className="text-xs text-slate-500">{quickbooksBadge}</span>}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
