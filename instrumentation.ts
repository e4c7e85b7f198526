/**
 * Next.js calls register() once per server process. In the local mode (no Inngest configured) the
 * portal runs the daily sync schedule itself; only the Node runtime can (database, croner), and the
 * dynamic import keeps that code out of the Edge bundle.
 */
export async function register(): Promise<void> {
  // NEXT_RUNTIME is set by Next itself (not configuration), so it is read here rather than through lib/env.
  // eslint-disable-next-line no-restricted-properties
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startLocalSchedule } = await import("./lib/sync/start-local-schedule");
    startLocalSchedule();
  }
}
