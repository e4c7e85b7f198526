"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action-result";
import type { SyncNowResult } from "@/lib/sync/sync-now-result";

/** The server action behind the button (app/ passes it: components never import app/). */
export type SyncNowAction = (input: { merchantId: string }) => Promise<ActionResult<SyncNowResult>>;

function useResultText() {
  const t = useTranslations("sync.syncNow");
  return (result: SyncNowResult): string => {
    switch (result.outcome) {
      case "rate_limited":
        return t("rateLimited", { seconds: result.seconds });
      case "not_active":
        return t("notActive");
      case "queued":
        return t("queued");
      case "background":
        return t("background");
      case "failed":
        return t("failed", { message: result.message });
      case "completed":
        if (result.status === "already_running") return t("alreadyRunning");
        if (result.status === "stopped") return t("stopped", { message: result.message ?? "" });
        if (result.status === "failed") return t("failed", { message: result.message ?? "" });
        return t("completed", { documents: result.documents, failed: result.failed });
    }
  };
}

/** The owner's Sync now: the server refuses others and more than one run a minute. */
export function SyncNowButton({ merchantId, syncNow }: { merchantId: string; syncNow: SyncNowAction }) {
  const t = useTranslations("sync.syncNow");
  const text = useResultText();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <div className="space-y-2">
      <div className="flex items-center gap-3">
        <button
          type="button"
          disabled={pending}
          className="rounded bg-blue-700 px-3 py-2 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60"
          onClick={() =>
            startTransition(async () => {
              setMessage(null);
              const result = await syncNow({ merchantId });
              setMessage(result.ok ? text(result.data) : result.error);
              router.refresh();
            })
          }
        >
          {pending ? t("running") : t("button")}
        </button>
        <span className="text-sm text-slate-600">{t("hint")}</span>
      </div>
      {message && (
        <p role="status" className="text-sm" data-testid="sync-now-result">
          {message}
        </p>
      )}
    </div>
  );
}
