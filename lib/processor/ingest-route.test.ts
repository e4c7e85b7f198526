import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardTransactions } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-database";
import { resetEnvForTests } from "@/lib/env";
import { MAX_INGEST_BODY_BYTES } from "@/lib/http/limited-body";
import { signBody } from "./signature";
import { businessEvent, sale } from "./test-fixtures";

/** The HTTP adapter: POST /api/processor/events called as Next would call it. */
const SECRET = "route-test-ingest-secret-0123456789";
const URL = "http://localhost/api/processor/events";

let database: TestDatabase;
let POST: (request: Request) => Promise<Response>;
let closeDb: () => Promise<void>;
const savedEnv = { DATABASE_URL: process.env.DATABASE_URL, PROCESSOR_INGEST_SECRET: process.env.PROCESSOR_INGEST_SECRET };

beforeAll(async () => {
  database = await createTestDatabase();
  // getDb() and env() read these on first use: set them before the route module is loaded.
  process.env.DATABASE_URL = database.url;
  process.env.PROCESSOR_INGEST_SECRET = SECRET;
  resetEnvForTests();
  ({ POST } = await import("@/app/api/processor/events/route"));
  ({ closeDb } = await import("@/lib/database"));
});

afterAll(async () => {
  await closeDb?.();
  await database?.drop();
  for (const [key, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetEnvForTests();
});

function signedRequest(body: string, headers: Record<string, string> = {}): Request {
  return new Request(URL, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", "x-processor-signature": signBody(body, SECRET), ...headers },
  });
}

async function transactionCount(): Promise<number> {
  return (await database.db.select({ n: count() }).from(cardTransactions))[0].n;
}

describe("POST /api/processor/events", () => {
  const body = JSON.stringify({ events: [businessEvent("MID-R1"), sale("MID-R1", "r_1", 1299)] });

  it("answers 401 without a signature", async () => {
    const response = await POST(new Request(URL, { method: "POST", body }));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: expect.stringContaining("x-processor-signature") });
    expect(await transactionCount()).toBe(0);
  });

  it("answers 401 with a wrong signature or one made with another secret", async () => {
    expect((await POST(signedRequest(body, { "x-processor-signature": "sha256=" + "0".repeat(64) }))).status).toBe(401);
    expect((await POST(signedRequest(body, { "x-processor-signature": signBody(body, "another-secret-entirely") }))).status).toBe(401);
    expect((await POST(signedRequest(body, { "x-processor-signature": "not-a-signature" }))).status).toBe(401);
    // Signed over other bytes than those sent.
    expect((await POST(signedRequest(body, { "x-processor-signature": signBody(body + " ", SECRET) }))).status).toBe(401);
    expect(await transactionCount()).toBe(0);
  });

  it("answers 413 over 5 MB, by Content-Length and by the bytes actually sent", async () => {
    const big = JSON.stringify({ events: [], padding: "x".repeat(MAX_INGEST_BODY_BYTES) });
    const response = await POST(signedRequest(big));
    expect(response.status).toBe(413);
    expect((await response.json()).error).toMatch(/limit/);
    const declared = new Request(URL, { method: "POST", body: "{}", headers: { "content-length": String(MAX_INGEST_BODY_BYTES + 1) } });
    expect((await POST(declared)).status).toBe(413);
    // A streamed body with no Content-Length is counted as it arrives.
    const chunk = new TextEncoder().encode("x".repeat(1024 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 6) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const streamed = new Request(URL, { method: "POST", body: stream, duplex: "half" } as RequestInit);
    expect((await POST(streamed)).status).toBe(413);
  });

  it("answers 400 for a body that is not JSON, or not an events envelope", async () => {
    const notJson = await POST(signedRequest("{not json"));
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error).toMatch(/not valid UTF-8 JSON/);
    const noEvents = await POST(signedRequest(JSON.stringify({ items: [] })));
    expect(noEvents.status).toBe(400);
    expect((await noEvents.json()).error).toMatch(/"events" array/);
  });

  it("answers 400 naming the index, id and field of a bad event", async () => {
    const bad = JSON.stringify({ events: [businessEvent("MID-R1"), sale("MID-R1", "r_bad", 12.5)] });
    const response = await POST(signedRequest(bad));
    expect(response.status).toBe(400);
    const payload = await response.json();
    expect(payload.error).toContain('Event 1 (id "r_bad"), field "amountMinor"');
    expect(payload.details).toEqual({ index: 1, id: "r_bad", field: "amountMinor" });
    expect(await transactionCount()).toBe(0);
  });

  it("answers 200 with the counts, then duplicates, then 409 on changed content", async () => {
    const first = await POST(signedRequest(body));
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ accepted: 2, duplicates: 0 });
    const again = await POST(signedRequest(body));
    expect(await again.json()).toEqual({ accepted: 0, duplicates: 2 });
    const changed = JSON.stringify({ events: [sale("MID-R1", "r_1", 1300)] });
    const conflict = await POST(signedRequest(changed));
    expect(conflict.status).toBe(409);
    expect((await conflict.json()).error).toContain('"r_1"');
    expect(await transactionCount()).toBe(1);
  });
});
