export type Role = "owner" | "accountant" | "staff";

/**
 * What each membership role may do. Checked on the server next to the data, whatever a page shows.
 * QuickBooks actions are the owner's alone; accountants see the QuickBooks pages read-only.
 */
const ALLOWED = {
  "portal.view": ["owner", "accountant", "staff"],
  "quickbooks.view": ["owner", "accountant", "staff"],
  "quickbooks.viewDetails": ["owner", "accountant"],
  "quickbooks.manage": ["owner"],
  "accountants.manage": ["owner"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof ALLOWED;

export function can(role: Role, permission: Permission): boolean {
  return (ALLOWED[permission] as readonly Role[]).includes(role);
}

/**
 * The permission check for a signed-in user. Support agents act only through the support console's
 * own actions (sync now, Ready to sync): they never connect, reauthorize, change the mapping,
 * pause, resume, disconnect or mark Resolved, even if a membership row says they may.
 */
export function userCan(user: { isSupport: boolean }, role: Role, permission: Permission): boolean {
  if (user.isSupport && permission === "quickbooks.manage") return false;
  return can(role, permission);
}
