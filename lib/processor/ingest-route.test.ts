import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { businesses, cardTransactions, qboConnections, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-database";
import { resetEnvForTests } from "@/lib/env";
import { MAX_INGEST_BODY_BYTES } from "@/lib/http/limited-body";
import { signBody } from "./signature";
import { businessEvent, deposit, fee, sale } from "./test-fixtures";

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

/** Other tests of this file add transactions too (in any order): each test compares with its own before. */
async function transactionCount(): Promise<number> {
  return (await database.db.select({ n: count() }).from(cardTransactions))[0].n;
}

describe("POST /api/processor/events", () => {
  const body = JSON.stringify({ events: [businessEvent("MID-R1"), sale("MID-R1", "r_1", 1299)] });

  it("answers 401 without a signature", async () => {
    const before = await transactionCount();
    const response = await POST(new Request(URL, { method: "POST", body }));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: expect.stringContaining("x-processor-signature") });
    expect(await transactionCount()).toBe(before);
  });

  it("answers 401 with a wrong signature or one made with another secret", async () => {
    const before = await transactionCount();
    expect((await POST(signedRequest(body, { "x-processor-signature": "sha256=" + "0".repeat(64) }))).status).toBe(401);
    expect((await POST(signedRequest(body, { "x-processor-signature": signBody(body, "another-secret-entirely") }))).status).toBe(401);
    expect((await POST(signedRequest(body, { "x-processor-signature": "not-a-signature" }))).status).toBe(401);
    // Signed over other bytes than those sent.
    expect((await POST(signedRequest(body, { "x-processor-signature": signBody(body + " ", SECRET) }))).status).toBe(401);
    expect(await transactionCount()).toBe(before);
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
    const before = await transactionCount();
    const bad = JSON.stringify({ events: [businessEvent("MID-R1"), sale("MID-R1", "r_bad", 12.5)] });
    const response = await POST(signedRequest(bad));
    expect(response.status).toBe(400);
    const payload = await response.json();
    expect(payload.error).toContain('Event 1 (id "r_bad"), field "amountMinor"');
    expect(payload.details).toEqual({ index: 1, id: "r_bad", field: "amountMinor" });
    expect(await transactionCount()).toBe(before);
  });

  it("answers 200 with the counts, then duplicates, then 409 on changed content", async () => {
    const before = await transactionCount();
    const first = await POST(signedRequest(body));
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ accepted: 2, duplicates: 0 });
    const again = await POST(signedRequest(body));
    expect(await again.json()).toEqual({ accepted: 0, duplicates: 2 });
    const changed = JSON.stringify({ events: [sale("MID-R1", "r_1", 1300)] });
    const conflict = await POST(signedRequest(changed));
    expect(conflict.status).toBe(409);
    expect((await conflict.json()).error).toContain('"r_1"');
    expect(await transactionCount()).toBe(before + 1);
  });
});

/** Posts a signed batch and returns the status and error message. */
async function ingest(events: unknown[]): Promise<{ status: number; error?: string; field?: string }> {
  const response = await POST(signedRequest(JSON.stringify({ events })));
  const payload = await response.json();
  return { status: response.status, error: payload.error, field: payload.details?.field };
}

describe("POST /api/processor/events: text the database cannot store", () => {
  it("answers 400 naming the field for a NUL or other control character, never 500", async () => {
    for (const [event, field] of [
      [businessEvent("MID-C1", { legalName: "Nul\u0000 Café" }), "legalName"],
      [businessEvent("MID-C1", { region: "O\u0000N" }), "region"],
      [businessEvent("MID-C1", { timezone: "America/Toronto\u0000" }), "timezone"],
      [businessEvent("MID-C1", { ownerEmail: "a\u0000@example.test" }), "ownerEmail"],
      [businessEvent("MID-C1", { legalName: "Line\nbreak" }), "legalName"],
      [businessEvent("MID-C1", { locale: "en\u001b" }), "locale"],
      [businessEvent("MID-C1", { legalName: "C1\u0085control" }), "legalName"],
    ] as const) {
      const { status, error, field: named } = await ingest([event]);
      expect(status, JSON.stringify(event)).toBe(400);
      expect(named).toBe(field);
      expect(error).toMatch(/control characters/);
    }
    const inList = await ingest([businessEvent("MID-C1"), deposit("MID-C1", "d_c1", 0, ["ok", "t\u0000x"])]);
    expect(inList).toMatchObject({ status: 400, field: "transactionIds.1" });
  });
});

describe("POST /api/processor/events: language tags", () => {
  it("accepts BCP 47 tags and maps en-* to English and fr-* to Canadian French", async () => {
    for (const [mid, locale, expected] of [
      ["MID-L1", "en-CA", "en"],
      ["MID-L2", "en-US", "en"],
      ["MID-L3", "fr", "fr-CA"],
      ["MID-L4", "fr-FR", "fr-CA"],
      ["MID-L5", "FR-ca", "fr-CA"],
      ["MID-L6", "fr-CA", "fr-CA"],
    ] as const) {
      expect((await ingest([businessEvent(mid, { locale })])).status, locale).toBe(200);
      const [owner] = await database.db.select({ locale: users.locale }).from(users).where(eq(users.email, `owner-${mid.toLowerCase()}@example.test`));
      expect(owner.locale, locale).toBe(expected);
    }
  });

  it("refuses another language or a malformed tag, saying what is expected", async () => {
    for (const locale of ["de-DE", "en_CA", "english", ""]) {
      const { status, field, error } = await ingest([businessEvent("MID-L9", { locale })]);
      expect(status, locale).toBe(400);
      expect(field).toBe("locale");
      expect(error).toMatch(/BCP 47 tag of English or French/);
    }
  });
});

describe("POST /api/processor/events: data that cannot be true together", () => {
  it("refuses a US business in CAD", async () => {
    const result = await ingest([businessEvent("MID-P1", { country: "US", region: "NY", currency: "CAD", timezone: "America/New_York" })]);
    expect(result).toMatchObject({ status: 400, field: "currency" });
    expect(result.error).toMatch(/US business settles in USD/);
  });

  it("refuses sales, fees and deposits dated before 2000-01-01 or after tomorrow in the business's zone", async () => {
    expect((await ingest([businessEvent("MID-P2")])).status).toBe(200);
    const cases = [
      sale("MID-P2", "p_s1", 100, { occurredAt: "0001-01-01T12:00:00-05:00" }),
      sale("MID-P2", "p_s2", 100, { occurredAt: "9999-12-31T12:00:00-05:00" }),
      sale("MID-P2", "p_s3", 100, { occurredAt: "1999-12-31T23:59:59-05:00" }),
      fee("MID-P2", "p_f1", 10, { occurredAt: "9999-01-01T00:00:00Z" }),
    ];
    for (const event of cases) {
      const result = await ingest([event]);
      expect(result, JSON.stringify(event)).toMatchObject({ status: 400, field: "occurredAt" });
      expect(result.error).toMatch(/between 2000-01-01 and tomorrow/);
    }
    expect((await ingest([sale("MID-P2", "p_ok", 100, { occurredAt: "2000-01-01T00:00:00-05:00" })])).status).toBe(200);
    const farDeposit = await ingest([deposit("MID-P2", "p_d1", 100, ["p_ok"], [], { depositDate: "9999-12-31" })]);
    expect(farDeposit).toMatchObject({ status: 400, field: "depositDate" });
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toLocaleDateString("en-CA", { timeZone: "America/Toronto" });
    expect((await ingest([deposit("MID-P2", "p_d2", 100, ["p_ok"], [], { depositDate: day(3) })])).status).toBe(400);
    expect((await ingest([deposit("MID-P2", "p_d3", 100, ["p_ok"], [], { depositDate: day(1) })])).status).toBe(200);
  });

  it("refuses a time zone change for a business connected to QuickBooks (409), allows it otherwise", async () => {
    expect((await ingest([businessEvent("MID-P3")])).status).toBe(200);
    expect((await ingest([businessEvent("MID-P3", { timezone: "America/Winnipeg" })])).status).toBe(200);
    const [business] = await database.db.select({ id: businesses.id }).from(businesses).where(eq(businesses.merchantId, "MID-P3"));
    await database.db.insert(qboConnections).values({ businessId: business.id, status: "active", realmId: "realm-p3" });
    const moved = await ingest([businessEvent("MID-P3", { timezone: "America/Toronto" })]);
    expect(moved).toMatchObject({ status: 409, field: "timezone" });
    expect(moved.error).toMatch(/cannot change while the business is connected to QuickBooks/);
    // The rest of the business may still change.
    expect((await ingest([businessEvent("MID-P3", { timezone: "America/Winnipeg", legalName: "Renamed inc." })])).status).toBe(200);
  });
});
