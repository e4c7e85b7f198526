/**
 * The security headers of every response (set by proxy.ts). Scripts run only with this request's
 * nonce ('strict-dynamic' lets Next's nonce-carrying scripts load their chunks); nothing may frame
 * the portal (the one-click confirm pages for disconnect and pause included); forms post only to
 * the portal and to QuickBooks' authorization page (the Connect form answers with a redirect there).
 *
 * style-src allows 'unsafe-inline': server-rendered style attributes (React's `style` prop, chart
 * libraries) cannot carry a nonce, and a nonce in style-src would switch 'unsafe-inline' off. Styles
 * cannot run script; the injection that matters, script, stays nonce-only.
 */
export interface SecurityHeaderOptions {
  nonce: string;
  /** The portal's public URL: HSTS (and upgrade-insecure-requests) only when it is https. */
  appUrl: string;
  /** Origins a form may be submitted (and redirected) to besides the portal itself. */
  formTargets: readonly string[];
}

export const CSP_HEADER = "Content-Security-Policy";

export function contentSecurityPolicy({ nonce, appUrl, formTargets }: SecurityHeaderOptions): string {
  const https = new URL(appUrl).protocol === "https:";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self' ${formTargets.join(" ")}`.trim(),
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  const https = new URL(options.appUrl).protocol === "https:";
  return {
    [CSP_HEADER]: contentSecurityPolicy(options),
    // For browsers without CSP frame-ancestors.
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    ...(https ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}

/** A fresh, unguessable nonce per request (128 random bits, base64). */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}
