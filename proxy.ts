import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { CSP_HEADER, newNonce, securityHeaders } from "@/lib/http/security-headers";
import { qboEndpoints } from "@/lib/quickbooks/endpoints";

/** Auth.js session cookie names (the __Secure- one under https). */
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

/** Where the Connect and Reauthorize forms lead: QuickBooks' authorization page (and Intuit's sign-in). */
function quickbooksFormTargets(): string[] {
  const e = env();
  const authorize = new URL(qboEndpoints(e).authorize).origin;
  return e.QBO_ENVIRONMENT === "local" ? [authorize] : [authorize, "https://*.intuit.com"];
}

function isDecodable(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/**
 * Every response gets the security headers (lib/http/security-headers), pages a fresh CSP nonce:
 * Next reads it from the request's Content-Security-Policy header and puts it on its own scripts.
 * Visitors without a session cookie are sent to the sign-in page — convenience only: whether the
 * session is valid, and what the user may see or do, is checked by every page, route handler and
 * action next to the data.
 */
export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const headers = securityHeaders({ nonce, appUrl: env().APP_URL, formTargets: quickbooksFormTargets() });
  const { pathname } = request.nextUrl;

  // A malformed percent-encoding (/b/%E0%A4%A/…) would fail in Next's parameter decoding as a 500.
  if (!isDecodable(pathname)) {
    const response = NextResponse.json({ error: "Malformed URL: invalid percent-encoding in the path" }, { status: 400 });
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  }

  const signedIn = SESSION_COOKIES.some((name) => request.cookies.has(name));
  const isPage = !pathname.startsWith("/api/");
  // The invitation page is for people who may have no account yet.
  const open = pathname.startsWith("/signin") || pathname.startsWith("/invite/");
  let response: NextResponse;
  if (isPage && !signedIn && !open) {
    response = NextResponse.redirect(new URL("/signin", request.nextUrl));
  } else {
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set("x-nonce", nonce);
    requestHeaders.set(CSP_HEADER, headers[CSP_HEADER]);
    // The reconciliation's CSV lives at the page's own address (&format=csv): a route handler serves it.
    const reconciliation = /^\/b\/([^/]+)\/quickbooks\/reconciliation\/?$/.exec(pathname);
    if (reconciliation && request.nextUrl.searchParams.get("format") === "csv") {
      const target = request.nextUrl.clone();
      target.pathname = `/api/b/${reconciliation[1]}/reconciliation`;
      response = NextResponse.rewrite(target, { request: { headers: requestHeaders } });
    } else {
      response = NextResponse.next({ request: { headers: requestHeaders } });
    }
  }
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Static files need neither a session nor a nonce; API routes answer for themselves (JSON 401/403)
  // but get the headers too.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
