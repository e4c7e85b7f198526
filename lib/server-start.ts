import { refuseToStartWithUnsafeEnvironment } from "@/lib/env";
import { stampSocketAddresses } from "@/lib/http/socket-address";

/**
 * What the portal's server process does once, before it serves anything (instrumentation.ts):
 * refuse an unsafe environment (exit non-zero naming the variable), and stamp each request with
 * its socket address (sign-in throttling).
 */
export function prepareServerProcess(): void {
  refuseToStartWithUnsafeEnvironment();
  stampSocketAddresses();
}
