import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-database";
import { resetEnvForTests } from "@/lib/env";
import { insertBusiness, insertMember, insertTransactions, type Business } from "./test-fixtures";
import type { TransactionPage } from "./transactions";

/**
 * GET /api/b/:merchantId/transactions called as Next calls it. Auth.js is replaced by a session
 * the test chooses; everything after it (membership lookup, queries) is the real code.
 */
const session = vi.hoisted(() => ({ current: null as null | { user: { id: string } } }));
vi.mock("@/lib/auth/config", () => ({ auth: async () => session.current }));

let database: TestDatabase;
let GET: (request: Request, context: { params: Promise<{ merchantId: string }> }) => Promise<Response>;
let closeDb: () => Promise<void>;
let a: Business;
let memberOfA: { id: string };

function call(merchantId: string, query = "") {
  return GET(new Request(`http://localhost/api/b/${merchantId}/transactions${query}`), { params: Promise.resolve({ merchantId }) });
}

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  resetEnvForTests();
  ({ GET } = await import("@/app/api/b/[merchantId]/transactions/route"));
  ({ closeDb } = await import("@/lib/database"));
  a = await insertBusiness(database.db, "MID-A");
  const b = await insertBusiness(database.db, "MID-B");
  memberOfA = await insertMember(database.db, "staff-a@example.test", a.id, "staff");
  await insertTransactions(
    database.db,
    a,
    Array.from({ length: 5 }, (_, i) => ({ processorId: `a_${i}`, kind: i % 2 ? "refund" : "sale", occurredAt: new Date(Date.UTC(2026, 10, 1 + i, 12)) })),
  );
  await insertTransactions(database.db, b, [{ processorId: "b_0", occurredAt: new Date(Date.UTC(2026, 10, 3, 12)) }]);
});

afterAll(async () => {
  await closeDb?.();
  await database?.drop();
  resetEnvForTests();
});

describe("GET /api/b/:merchantId/transactions", () => {
  it("answers 401 in JSON when signed out", async () => {
    session.current = null;
    const response = await call("MID-A");
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: expect.any(String) });
  });

  it("answers 404 to a member of A asking for B, and for a business that does not exist", async () => {
    session.current = { user: { id: memberOfA.id } };
    for (const merchantId of ["MID-B", "MID-NOPE"]) {
      const response = await call(merchantId);
      expect(response.status).toBe(404);
      const body = await response.json();
      expect(body).toEqual({ error: "Not found" });
      expect(JSON.stringify(body)).not.toContain("b_0");
    }
  });

  it("pages through the member's business with the cursor it returns", async () => {
    session.current = { user: { id: memberOfA.id } };
    const first = await call("MID-A", "?limit=2");
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toContain("no-store");
    const page1 = (await first.json()) as TransactionPage;
    expect(page1.rows.map((r) => r.processorId)).toEqual(["a_4", "a_3"]);
    const page2 = (await (await call("MID-A", `?limit=2&cursor=${page1.nextCursor}`)).json()) as TransactionPage;
    const page3 = (await (await call("MID-A", `?limit=2&cursor=${page2.nextCursor}`)).json()) as TransactionPage;
    expect([...page2.rows, ...page3.rows].map((r) => r.processorId)).toEqual(["a_2", "a_1", "a_0"]);
    expect(page3.nextCursor).toBeNull();
  });

  it("filters by kind and date range from the query string", async () => {
    session.current = { user: { id: memberOfA.id } };
    const body = (await (await call("MID-A", "?kind=refund&from=2026-11-02&to=2026-11-03")).json()) as TransactionPage;
    expect(body.rows.map((r) => r.processorId)).toEqual(["a_1"]);
    const both = (await (await call("MID-A", "?kind=refund&kind=sale&from=&to=")).json()) as TransactionPage;
    expect(both.rows).toHaveLength(5);
  });

  it("answers 400 naming the bad parameter", async () => {
    session.current = { user: { id: memberOfA.id } };
    for (const [query, parameter] of [
      ["?from=2026-13-01", "from"],
      ["?to=yesterday", "to"],
      ["?kind=gift_card", "kind"],
      ["?limit=0", "limit"],
      ["?limit=abc", "limit"],
      ["?cursor=not-a-cursor", "cursor"],
      ["?from=2026-11-05&to=2026-11-01", "from"],
    ]) {
      const response = await call("MID-A", query);
      expect(response.status, query).toBe(400);
      const body = await response.json();
      expect(body.parameter, query).toBe(parameter);
      expect(body.error, query).toContain(`"${parameter}"`);
    }
  });

  it("answers 404 to merchant ids that cannot exist: NUL, control characters, malformed percent-encoding", async () => {
    session.current = { user: { id: memberOfA.id } };
    const errors = vi.spyOn(console, "error");
    for (const merchantId of ["MID-A%00", "MID-A\u0000", "%E0%A4%A", "MID-%zz", "MID%20A"]) {
      const response = await call(merchantId);
      expect(response.status, merchantId).toBe(404);
      expect(await response.json()).toEqual({ error: "Not found" });
    }
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });

  it("answers 400 with a clear message to filter dates outside 2000-01-01..2099-12-31", async () => {
    session.current = { user: { id: memberOfA.id } };
    for (const [query, parameter] of [
      ["?from=0001-01-01", "from"],
      ["?to=9999-12-31", "to"],
      ["?from=0001-01-01&to=9999-12-31", "from"],
      ["?to=1999-12-31", "to"],
    ]) {
      const response = await call("MID-A", query);
      expect(response.status, query).toBe(400);
      const body = await response.json();
      expect(body.parameter, query).toBe(parameter);
      expect(body.error, query).toMatch(/from 2000-01-01 to 2099-12-31/);
    }
  });
});
