import { NextResponse } from "next/server";
import { auth } from "@/lib/auth/config";

/**
 * Sends signed-out visitors of portal pages to the sign-in page. This is convenience only:
 * every page, route handler and action checks the user and their role next to the data.
 */
export const proxy = auth((request) => {
  if (!request.auth && !request.nextUrl.pathname.startsWith("/signin")) {
    const url = new URL("/signin", request.nextUrl);
    return NextResponse.redirect(url);
  }
  return NextResponse.next();
});

export const config = {
  // API routes answer for themselves (JSON 401/403); static files need no session.
  matcher: ["/((?!api|_next/static|_next/image|favicon.ico).*)"],
};
