import { currentUser } from "@/app/_server/session";
import type { UserRecord } from "@/lib/auth/access";

/**
 * For /admin route handlers: the signed-in support user, or a 404 response for everyone else
 * (signed out included), the same answer as for a path that does not exist.
 */
export async function supportOr404(): Promise<UserRecord | Response> {
  const user = await currentUser();
  if (!user?.isSupport) return new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  return user;
}

/** The first value of a search parameter. */
export function firstParam(searchParams: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = searchParams[name];
  return Array.isArray(value) ? value[0] : value;
}
