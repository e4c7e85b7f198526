import { findBusinessAccess, type BusinessAccess } from "@/lib/auth/access";
import { merchantIdFromPath } from "@/lib/auth/merchant-id";
import { can, type Permission } from "@/lib/auth/permissions";
import { getDb } from "@/lib/database";
import { currentUser } from "../../../_server/session";

export type BusinessApiAccess = (BusinessAccess & { ok: true }) | { ok: false; response: Response };

/**
 * requireBusiness for JSON route handlers: the same membership check, answered in JSON instead of
 * a redirect to /signin (401) or Next's HTML not-found page (404). A business the user does not
 * belong to is a 404, never a 403, so the API does not confirm that it exists.
 */
export async function businessApiAccess(merchantId: string, permission: Permission = "portal.view"): Promise<BusinessApiAccess> {
  const user = await currentUser();
  if (!user) return { ok: false, response: Response.json({ error: "Sign in to use this API" }, { status: 401 }) };
  const id = merchantIdFromPath(merchantId);
  const access = id === null ? null : await findBusinessAccess(getDb(), user.id, id);
  if (!access) return { ok: false, response: Response.json({ error: "Not found" }, { status: 404 }) };
  if (!can(access.role, permission)) return { ok: false, response: Response.json({ error: `Your role may not do this (${permission})` }, { status: 403 }) };
  return { ok: true, ...access };
}
