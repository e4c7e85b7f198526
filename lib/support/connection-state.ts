import type { Connection } from "@/lib/quickbooks/connection/connection-record";

/** The connection states support filters by: the stored status, with the setup and "never" cases told apart. */
export const SUPPORT_CONNECTION_STATES = ["setup_in_progress", "active", "paused", "needs_reauthorization", "disconnected", "never_connected"] as const;
export type SupportConnectionState = (typeof SUPPORT_CONNECTION_STATES)[number];

/**
 * A connected company whose mapping step was never confirmed is still in setup (nothing syncs yet);
 * a business with no record, or one that never finished an OAuth round trip, was never connected.
 */
export function supportConnectionState(connection: Pick<Connection, "status" | "setupCompletedAt" | "connectedAt"> | null | undefined): SupportConnectionState {
  if (!connection || connection.status === "not_connected" || !connection.connectedAt) return "never_connected";
  if (connection.status === "disconnected") return "disconnected";
  if (connection.setupCompletedAt === null) return "setup_in_progress";
  return connection.status;
}
