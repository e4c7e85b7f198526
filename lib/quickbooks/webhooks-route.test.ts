import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-database";
import { env, resetEnvForTests } from "@/lib/env";

let database: TestDatabase;
let POST: (request: Request) => Promise<Response>;
let closeDb: () => Promise<void>;
const savedUrl = process.env.DATABASE_URL;

beforeAll(async () => {
  database = await createTestDatabase();
  // getDb() reads DATABASE_URL on first use: set it before the route module is loaded.
  process.env.DATABASE_URL = database.url;
  resetEnvForTests();
  ({ POST } = await import("@/app/api/quickbooks/webhooks/route"));
  ({ closeDb } = await import("@/lib/database"));
});

afterAll(async () => {
  await closeDb?.();
  await database?.drop();
  if (savedUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = savedUrl;
  resetEnvForTests();
});

const sign = (body: string) => createHmac("sha256", env().QBO_WEBHOOK_VERIFIER).update(body).digest("base64");
const post = (body: string, signature?: string) =>
  POST(new Request("http://localhost/api/quickbooks/webhooks", { method: "POST", body, headers: signature ? { "intuit-signature": signature } : {} }));

describe("POST /api/quickbooks/webhooks", () => {
  const body = JSON.stringify([
    { specversion: "1.0", id: "e1", source: "intuit", type: "qbo.salesreceipt.created.v1", time: "2026-11-30T10:00:00Z", intuitentityid: "12", intuitaccountid: "9130", data: {} },
  ]);
  const stored = () => database.sql`select realm_id, entity, entity_id, operation, changed_at from qbo_webhook_notifications order by received_at`;

  it("acknowledges a signed notification and stores it under the company's realm id", async () => {
    const response = await post(body, sign(body));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: 1 });
    const rows = await stored();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ realm_id: "9130", entity: "salesreceipt", entity_id: "12", operation: "created" });
    expect(new Date(rows[0].changed_at as string).toISOString()).toBe("2026-11-30T10:00:00.000Z");
  });

  it("refuses a missing or wrong signature without reading the body, and stores nothing", async () => {
    const before = (await stored()).length;
    expect((await post(body)).status).toBe(401);
    expect((await post(body, sign(`${body}x`))).status).toBe(401);
    expect(await stored()).toHaveLength(before);
  });

  it("says what is wrong with a signed payload it cannot read", async () => {
    const bad = JSON.stringify({ hello: "world" });
    const response = await post(bad, sign(bad));
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/eventNotifications/);
  });

  /** A chunked body with no Content-Length, produced lazily: counts how much the route pulled. */
  function endlessBody(totalBytes: number) {
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const counter = { pulled: 0 };
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (counter.pulled >= totalBytes) return controller.close();
        counter.pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    return { stream, counter };
  }

  it("answers 413 as soon as an unsigned chunked body passes 2 MiB, without reading the rest", async () => {
    const { stream, counter } = endlessBody(100 * 1024 * 1024);
    const request = new Request("http://localhost/api/quickbooks/webhooks", { method: "POST", body: stream, duplex: "half" } as RequestInit);
    const response = await POST(request);
    expect(response.status).toBe(413);
    expect(counter.pulled).toBeLessThan(3 * 1024 * 1024);
  });

  it("answers 413 to a signed body over 2 MiB too", async () => {
    const big = JSON.stringify([{ padding: "x".repeat(2 * 1024 * 1024) }]);
    expect((await post(big, sign(big))).status).toBe(413);
  });

  it("checks the signature before parsing: an unsigned non-JSON body is 401, not 400", async () => {
    expect((await post("not json")).status).toBe(401);
  });
});
