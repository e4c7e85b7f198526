/**
 * The address a request came from, for sign-in throttling. The socket's address is stamped on every
 * incoming request by the server process (lib/http/socket-address), overwriting anything a client
 * sent under that header name. X-Forwarded-For is believed only when TRUST_PROXY says a reverse
 * proxy sits in front, and then only its last entry — the one that proxy appended.
 */
export const SOCKET_ADDRESS_HEADER = "x-settlebooks-socket-address";

/** Without a stamp (a test calling a handler directly) every client shares one key: fail safe. */
const UNKNOWN = "unknown";

export function clientAddress(headers: Headers, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = headers.get("x-forwarded-for")?.split(",").map((part) => part.trim()).filter(Boolean);
    if (forwarded?.length) return forwarded[forwarded.length - 1];
  }
  return headers.get(SOCKET_ADDRESS_HEADER) || UNKNOWN;
}
