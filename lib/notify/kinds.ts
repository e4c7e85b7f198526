import { notificationKindEnum } from "@/db/schema";

export const NOTIFICATION_KINDS = notificationKindEnum.enumValues;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * Kinds that only inform (nothing for the reader to do): they reach the business's accountants as
 * well as its owners. The others ask the owner to act, and only owners may act.
 */
const INFORMATIONAL: ReadonlySet<NotificationKind> = new Set(["items_failed", "connection_recovered", "sync_overdue"]);

export function reachesAccountants(kind: NotificationKind): boolean {
  return INFORMATIONAL.has(kind);
}

/** Where the reader acts on each kind, relative to the business's portal (/b/<merchant id>). */
const ACTION_PATHS: Record<NotificationKind, string> = {
  needs_reauthorization: "/quickbooks/confirm/reauthorize",
  token_expiring: "/quickbooks/confirm/reauthorize",
  items_failed: "/quickbooks#failed",
  mapping_broken: "/quickbooks/mapping",
  pause_limit: "/quickbooks",
  sync_overdue: "/quickbooks",
  connection_recovered: "/quickbooks",
};

export function actionPath(merchantId: string, kind: NotificationKind): string {
  return `/b/${encodeURIComponent(merchantId)}${ACTION_PATHS[kind]}`;
}
