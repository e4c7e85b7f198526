import { Inngest } from "inngest";

/**
 * The app's Inngest client. It reads its own INNGEST_EVENT_KEY / INNGEST_SIGNING_KEY /
 * INNGEST_BASE_URL / INNGEST_DEV from the environment (lib/env declares them), so nothing is
 * read at import time: `next build` imports the serve route without a runtime environment.
 * Whether events go to Inngest at all is decided in lib/sync/dispatch.ts.
 */
export const inngest = new Inngest({ id: "settlebooks" });
