import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { findBusinessAccess, findUser, listBusinessesOf, type BusinessAccess, type UserRecord } from "@/lib/auth/access";
import { auth } from "@/lib/auth/config";
import { merchantIdFromPath } from "@/lib/auth/merchant-id";
import { userCan, type Permission } from "@/lib/auth/permissions";
import { getDb } from "@/lib/database";

/** The signed-in user read from the database (once per request), or null. */
export const currentUser = cache(async (): Promise<UserRecord | null> => {
  const session = await auth();
  const id = session?.user?.id;
  return id ? findUser(getDb(), id) : null;
});

export async function requireUser(): Promise<UserRecord> {
  const user = await currentUser();
  if (!user) redirect("/signin");
  return user;
}

export const currentBusinesses = cache(async (userId: string) => listBusinessesOf(getDb(), userId));

/**
 * The signed-in user's access to a business. Not a member → 404: a page never confirms that a
 * business it does not show exists.
 */
export const requireBusiness = cache(async (merchantId: string): Promise<BusinessAccess & { user: UserRecord }> => {
  const user = await requireUser();
  const id = merchantIdFromPath(merchantId);
  const access = id === null ? null : await findBusinessAccess(getDb(), user.id, id);
  if (!access) notFound();
  return { ...access, user };
});

export class ForbiddenError extends Error {
  readonly status = 403;
}

/** For route handlers and actions: the business access, checked for one permission. */
export async function requirePermission(merchantId: string, permission: Permission) {
  const access = await requireBusiness(merchantId);
  if (!userCan(access.user, access.role, permission)) throw new ForbiddenError(`Your role may not do this (${permission}).`);
  return access;
}

/** /admin and its data: support users only; everyone else gets a 404. */
export async function requireSupport(): Promise<UserRecord> {
  const user = await requireUser();
  if (!user.isSupport) notFound();
  return user;
}
