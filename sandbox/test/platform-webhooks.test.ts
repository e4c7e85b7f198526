import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { retryDelayMs } from "../src/platform/webhooks";
import { signWebhookPayload, type RunningSandbox } from "../src/server";
import { admin, api } from "./platform-helpers";
import { startSandbox } from "../src/server";

/** Intuit's own verification (Java SDK WebhooksService.verifyPayload): base64 HMAC-SHA256 with the verifier token. */
function intuitVerifies(signature: string, payload: string, verifier: string): boolean {
  return createHmac("sha256", verifier).update(payload).digest("base64") === signature;
}

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A webhook endpoint that fails its first `failures` calls with 500. */
async function startReceiver(failures = 0): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  let remainingFailures = failures;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      if (remainingFailures > 0) {
        remainingFailures -= 1;
        res.writeHead(500).end("not now");
      } else res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, received, server };
}

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function setup(format: "cloudevents" | "legacy", failures = 0, timeScale = 1000) {
  const receiver = await startReceiver(failures);
  cleanups.push(() => new Promise((r) => receiver.server.close(r)));
  const sandbox: RunningSandbox = await startSandbox({
    port: 0,
    limits: false,
    timeScale,
    apps: [{ clientId: "hooked", clientSecret: "s", redirectUris: ["http://localhost/cb"], webhookUrl: receiver.url, webhookVerifier: "verifier-token", webhookFormat: format }],
  });
  cleanups.push(() => sandbox.close());
  const realmId = (await admin(sandbox, "POST", "/_sandbox/companies", { name: "Hooks", country: "CA", region: "ON" })).json.realmId;
  const token = (await admin(sandbox, "POST", `/_sandbox/companies/${realmId}/tokens`, { clientId: "hooked" })).json.access_token;
  return { sandbox, receiver, realmId, token };
}

async function waitFor(check: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("webhook signatures", () => {
  it("match Intuit's published test vector", () => {
    const body = '{"eventNotifications":[{"realmId":"1185883450","dataChangeEvent":{"entities":[{"name":"Customer","id":"1","operation":"Create","lastUpdated":"2015-10-05T14:42:19-0700"}]}}]}';
    expect(signWebhookPayload(body, "b5771f19b12ddb4bcdb9f08bdc50bc63878a")).toBe("JC2GUwciPmRBwEO7WvrRmKqu9tGOKL8FFallocTFi8Q=");
  });
});

describe("webhook delivery", () => {
  it("posts CloudEvents, signed, after a change", async () => {
    const { receiver, realmId, token, sandbox } = await setup("cloudevents");
    const created = await api(sandbox, realmId, token, "POST", "/customer", { DisplayName: "Hooked Customer" });
    await waitFor(() => receiver.received.length === 1);
    const [hit] = receiver.received;
    expect(hit.headers["content-type"]).toBe("application/cloudevents+json");
    expect(intuitVerifies(String(hit.headers["intuit-signature"]), hit.body, "verifier-token")).toBe(true);
    const events = JSON.parse(hit.body);
    expect(events).toEqual([{
      specversion: "1.0",
      id: expect.any(String),
      source: expect.stringMatching(/^intuit\./),
      type: "qbo.customer.created.v1",
      datacontenttype: "application/json",
      time: expect.any(String),
      intuitentityid: created.json.Customer.Id,
      intuitaccountid: realmId,
      data: {},
    }]);
    await waitFor(() => sandbox.context.webhooks.log()[0]?.state === "delivered");
    const log = (await admin(sandbox, "GET", "/_sandbox/webhooks")).json.deliveries;
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ clientId: "hooked", realmIds: [realmId], state: "delivered", attempts: [{ status: 200, error: null }] });
  });

  it("posts the legacy eventNotifications format when the app asks for it", async () => {
    const { receiver, realmId, token, sandbox } = await setup("legacy");
    const created = await api(sandbox, realmId, token, "POST", "/customer", { DisplayName: "Legacy Customer" });
    await waitFor(() => receiver.received.length === 1);
    const [hit] = receiver.received;
    expect(hit.headers["content-type"]).toBe("application/json");
    expect(intuitVerifies(String(hit.headers["intuit-signature"]), hit.body, "verifier-token")).toBe(true);
    expect(JSON.parse(hit.body)).toEqual({
      eventNotifications: [{ realmId, dataChangeEvent: { entities: [{ name: "Customer", id: created.json.Customer.Id, operation: "Create", lastUpdated: expect.any(String) }] } }],
    });
  });

  it("retries a failing receiver and delivers in order, the head blocking the rest", async () => {
    const { receiver, realmId, token, sandbox } = await setup("cloudevents", 2);
    const ids: string[] = [];
    for (const name of ["First", "Second", "Third"]) ids.push((await api(sandbox, realmId, token, "POST", "/customer", { DisplayName: name })).json.Customer.Id);
    await waitFor(() => receiver.received.length === 5);
    const entityIds = receiver.received.map((r) => JSON.parse(r.body)[0].intuitentityid);
    // Two failed attempts at the first notification, then all three in order.
    expect(entityIds).toEqual([ids[0], ids[0], ids[0], ids[1], ids[2]]);
    const log = (await admin(sandbox, "GET", `/_sandbox/webhooks?realmId=${realmId}`)).json.deliveries;
    expect(log[0].attempts.map((a: { status: number }) => a.status)).toEqual([500, 500, 200]);
  });

  it("never holds up the API response", async () => {
    const hanging = createServer(() => { /* never answers */ });
    await new Promise<void>((resolve) => hanging.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise((r) => { hanging.closeAllConnections(); hanging.close(r); }));
    const sandbox = await startSandbox({
      port: 0, limits: false,
      apps: [{ clientId: "slow", clientSecret: "s", redirectUris: ["http://localhost/cb"], webhookUrl: `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/`, webhookVerifier: "v" }],
    });
    cleanups.push(() => sandbox.close());
    const realmId = (await admin(sandbox, "POST", "/_sandbox/companies", { name: "Slow", country: "US", region: "WA" })).json.realmId;
    const token = (await admin(sandbox, "POST", `/_sandbox/companies/${realmId}/tokens`, { clientId: "slow" })).json.access_token;
    expect((await api(sandbox, realmId, token, "POST", "/customer", { DisplayName: "Quick" })).status).toBe(200);
    // Answered while its notification is still unacknowledged (no attempt ends before the receiver
    // answers or the 3 s acknowledgement timeout): the response did not wait for the webhook.
    const log = (await admin(sandbox, "GET", `/_sandbox/webhooks?realmId=${realmId}`)).json.deliveries;
    expect(log.map((d: { state: string; attempts: unknown[] }) => ({ state: d.state, attempts: d.attempts.length }))).toEqual([{ state: "pending", attempts: 0 }]);
  });

  it("follows Intuit's retry schedule, compressed by the time scale", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 20].map((n) => retryDelayMs(n, 1) / 1000)).toEqual([10, 20, 30, 300, 1200, 7200, 14400, 21600, 21600, 21600]);
    expect(retryDelayMs(1, 100)).toBe(100);
  });
});
