import { checkNotificationCauses, deliverNotificationEmails } from "./notifications";
import { scheduleSyncs } from "./schedule-syncs";
import { syncConnectionFn } from "./sync-connection";
import { tokenKeepAlive } from "./token-keep-alive";

/** Everything /api/inngest serves. */
export const functions = [scheduleSyncs, syncConnectionFn, tokenKeepAlive, deliverNotificationEmails, checkNotificationCauses];
