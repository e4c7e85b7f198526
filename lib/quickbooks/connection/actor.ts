import { can, type Role } from "@/lib/auth/permissions";
import { ConnectionRefusedError } from "./refusal";

/** The signed-in person acting on a business, as the caller in app/ resolved them. */
export interface Actor {
  userId: string;
  role: Role;
}

/**
 * Changing a QuickBooks connection is the owner's alone. Callers in app/ check it first; every
 * service function that writes checks it again, so a forgotten check in a caller cannot open it.
 */
export function assertMayManage(actor: Actor): void {
  if (!can(actor.role, "quickbooks.manage")) {
    throw new ConnectionRefusedError("forbidden", "Only the owner of the business may change its QuickBooks connection.");
  }
}
