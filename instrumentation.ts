/**
 * Next.js calls register() once per server process, before it serves anything. The Node server
 * refuses to start on an unsafe environment (a production build without an explicit APP_ENV, or
 * production with a missing or published demo secret) and stamps requests with their socket
 * address; then, in the local mode (no Inngest configured), it runs the daily sync schedule itself.
 * Only the Node runtime can (database, croner); the dynamic imports keep that code out of the Edge
 * bundle.
 */
export async function register(): Promise<void> {
  // NEXT_RUNTIME is set by Next itself (not configuration), so it is read here rather than through lib/env.
  // eslint-disable-next-line no-restricted-properties
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { prepareServerProcess } = await import("@/lib/server-start");
  prepareServerProcess();
  const { startLocalSchedule } = await import("./lib/sync/start-local-schedule");
  startLocalSchedule();
}
