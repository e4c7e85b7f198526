import { Server, type IncomingMessage } from "node:http";
import { SOCKET_ADDRESS_HEADER } from "@/lib/auth/client-address";

const INSTALLED = Symbol.for("settlebooks.socket-address");

/**
 * Next's request APIs do not expose the socket, and the X-Forwarded-For it fills in is kept when a
 * client sent its own. So every HTTP request this process serves gets the socket's address in a
 * private header, set here before Next sees the request (replacing any client-sent value).
 */
export function stampSocketAddresses(): void {
  const proto = Server.prototype as unknown as Record<symbol, boolean> & { emit: (event: string | symbol, ...args: unknown[]) => boolean };
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;
  const emit = proto.emit;
  proto.emit = function (this: Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const request = args[0] as IncomingMessage;
      request.headers[SOCKET_ADDRESS_HEADER] = request.socket?.remoteAddress ?? "";
    }
    return emit.call(this, event, ...args);
  };
}
