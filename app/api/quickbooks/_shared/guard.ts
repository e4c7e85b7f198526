import { NextResponse } from "next/server";
import type { z } from "zod";
import { ForbiddenError, requirePermission } from "@/app/_server/session";
import type { Actor } from "@/lib/quickbooks/connection/actor";

/** A plain 403 whatever the page showed: only the owner changes the QuickBooks connection. */
export function forbidden(message = "Only the owner of this business may change its QuickBooks connection."): NextResponse {
  return new NextResponse(message, { status: 403, headers: { "content-type": "text/plain; charset=utf-8" } });
}

/**
 * Forms post here from the portal's own pages. A browser always sends Origin on a POST: one from
 * another site is refused (the session cookie is SameSite=Lax as well).
 */
export function crossSite(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin || origin === "null") return origin === "null";
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/** The form fields of a POST, checked with zod; null when they do not fit. */
export async function readForm<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S> | null> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return null;
  }
  const parsed = schema.safeParse(Object.fromEntries(form));
  return parsed.success ? parsed.data : null;
}

/** The signed-in owner of the business, or a 403 response for everyone else. */
export async function ownerOf(merchantId: string): Promise<{ actor: Actor; businessId: string; merchantId: string; locale: string } | NextResponse> {
  try {
    const access = await requirePermission(merchantId, "quickbooks.manage");
    return { actor: { userId: access.user.id, role: access.role }, businessId: access.business.id, merchantId: access.business.merchantId, locale: access.user.locale };
  } catch (error) {
    if (error instanceof ForbiddenError) return forbidden();
    throw error;
  }
}

export type Owner = Exclude<Awaited<ReturnType<typeof ownerOf>>, NextResponse>;

/**
 * What every owner-only form post checks first: a cross-site request is refused (403), a form that
 * does not fit `schema` gets a 400 saying what is `required`, anyone but the owner a 403.
 */
export async function ownerFormPost<S extends z.ZodType<{ merchantId: string }>>(
  request: Request,
  schema: S,
  required: string,
): Promise<{ form: z.infer<S>; owner: Owner } | NextResponse> {
  if (crossSite(request)) return forbidden("Cross-site request refused.");
  const form = await readForm(request, schema);
  if (!form) return new NextResponse(required, { status: 400 });
  const owner = await ownerOf(form.merchantId);
  if (owner instanceof NextResponse) return owner;
  return { form, owner };
}

/** An absolute URL of a QuickBooks page of the portal, for redirects. */
export function quickbooksUrl(request: Request, merchantId: string, sub = "", params: Record<string, string | undefined> = {}): URL {
  const url = new URL(`/b/${encodeURIComponent(merchantId)}/quickbooks${sub ? `/${sub}` : ""}`, request.url);
  for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, value);
  return url;
}

/** Where the OAuth round trip started: the callback sends the browser back to that business. */
export const FLOW_COOKIE = "qbo_flow";
