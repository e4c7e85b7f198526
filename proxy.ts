import { NextResponse, type NextRequest } from "next/server";

/** Auth.js session cookie names (the __Secure- one under https). */
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

/**
 * Sends visitors without a session cookie to the sign-in page. Convenience only: whether the
 * session is valid, and what the user may see or do, is checked by every page, route handler and
 * action next to the data.
 */
export function proxy(request: NextRequest) {
  const signedIn = SESSION_COOKIES.some((name) => request.cookies.has(name));
  // The invitation page is for people who may have no account yet.
  const open = request.nextUrl.pathname.startsWith("/signin") || request.nextUrl.pathname.startsWith("/invite/");
  if (!signedIn && !open) {
    return NextResponse.redirect(new URL("/signin", request.nextUrl));
  }
  // The reconciliation's CSV lives at the page's own address (&format=csv): a route handler serves it.
  const reconciliation = /^\/b\/([^/]+)\/quickbooks\/reconciliation\/?$/.exec(request.nextUrl.pathname);
  if (reconciliation && request.nextUrl.searchParams.get("format") === "csv") {
    const target = request.nextUrl.clone();
    target.pathname = `/api/b/${reconciliation[1]}/reconciliation`;
    return NextResponse.rewrite(target);
  }
  return NextResponse.next();
}

export const config = {
  // API routes answer for themselves (JSON 401/403); static files need no session.
  matcher: ["/((?!api|_next/static|_next/image|favicon.ico).*)"],
};
