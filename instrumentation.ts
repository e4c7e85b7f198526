/**
 * Next.js calls register() once per server process, before it serves anything. The Node server
 * refuses to start on an unsafe environment (a production build without an explicit APP_ENV, or
 * production with a missing or published demo secret) and stamps requests with their socket address.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { prepareServerProcess } = await import("@/lib/server-start");
  prepareServerProcess();
}
