import type { SyncEventSender } from "@/lib/sync/dispatch";
import { inngest } from "./client";
import { syncRequested } from "./events";

/** How lib/sync/dispatch reaches Inngest when it is configured (lib/ does not import this folder). */
export const sendSyncRequested: SyncEventSender = async (data) => {
  await inngest.send(syncRequested.create(data));
};
