import type { ReactNode } from "react";

const TONES = {
  info: "border-blue-200 bg-blue-50 text-blue-900",
  success: "border-green-200 bg-green-50 text-green-900",
  warning: "border-amber-200 bg-amber-50 text-amber-900",
  error: "border-red-200 bg-red-50 text-red-900",
} as const;

/** A boxed message on the QuickBooks pages (result of an action, a refusal, a warning). */
export function Notice({ tone, title, children, testId }: { tone: keyof typeof TONES; title?: string; children?: ReactNode; testId?: string }) {
  return (
    <div className={`rounded-lg border p-4 ${TONES[tone]}`} data-testid={testId ?? `qbo-notice-${tone}`} role={tone === "error" ? "alert" : "status"}>
      {title && <p className="font-semibold">{title}</p>}
      {children && <div className={title ? "mt-1 text-sm" : "text-sm"}>{children}</div>}
    </div>
  );
}
