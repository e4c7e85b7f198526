import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { SOCKET_ADDRESS_HEADER } from "@/lib/auth/client-address";
import { stampSocketAddresses } from "./socket-address";

describe("socket address stamp", () => {
  it("puts the socket's address on every request, replacing a client-sent value", async () => {
    stampSocketAddresses();
    stampSocketAddresses(); // installing twice changes nothing
    let seen: IncomingHttpHeaders = {};
    const server = createServer((request, response) => {
      seen = request.headers;
      response.end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await fetch(`http://127.0.0.1:${port}/`, { headers: { [SOCKET_ADDRESS_HEADER]: "6.6.6.6", "x-forwarded-for": "6.6.6.6" } });
    await new Promise((resolve) => server.close(resolve));
    expect(seen[SOCKET_ADDRESS_HEADER]).toBe("127.0.0.1");
  });
});
