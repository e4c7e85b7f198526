import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/quickbooks/webhooks/route";
import { env } from "@/lib/env";

const sign = (body: string) => createHmac("sha256", env().QBO_WEBHOOK_VERIFIER).update(body).digest("base64");
const post = (body: string, signature?: string) =>
  POST(new Request("http://localhost/api/quickbooks/webhooks", { method: "POST", body, headers: signature ? { "intuit-signature": signature } : {} }));

describe("POST /api/quickbooks/webhooks", () => {
  const body = JSON.stringify([
    { specversion: "1.0", id: "e1", source: "intuit", type: "qbo.salesreceipt.created.v1", intuitentityid: "12", intuitaccountid: "9130", data: {} },
  ]);

  it("acknowledges a signed notification", async () => {
    const response = await post(body, sign(body));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: 1 });
  });

  it("refuses a missing or wrong signature without reading the body", async () => {
    expect((await post(body)).status).toBe(401);
    expect((await post(body, sign(`${body}x`))).status).toBe(401);
  });

  it("says what is wrong with a signed payload it cannot read", async () => {
    const bad = JSON.stringify({ hello: "world" });
    const response = await post(bad, sign(bad));
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/eventNotifications/);
  });
});
