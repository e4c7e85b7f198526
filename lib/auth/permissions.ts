export const ROLES = ["owner", "accountant", "staff"] as const;
export type Role = (typeof ROLES)[number];

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
