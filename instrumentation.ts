/**
 * Next.js calls register() once per server process, before it serves anything. The Node server
 * refuses to start on an unsafe environment (see lib/env.ts): a production build without an
 * explicit APP_ENV, or production with a missing or published demo secret.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { refuseToStartWithUnsafeEnvironment } = await import("@/lib/env");
  refuseToStartWithUnsafeEnvironment();
}
