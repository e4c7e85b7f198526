import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "../src/server";
import { admin, api, freshCompany, type Json, startTestSandbox } from "./platform-helpers";

/** The platform and the accounting half together: what goes through the gateway reaches the books. */
let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ limits: false });
});
afterAll(() => sandbox.close());

async function query(realmId: string, token: string, text: string): Promise<Json> {
  const res = await api(sandbox, realmId, token, "GET", `/query?query=${encodeURIComponent(text)}&minorversion=75`);
  expect(res.status).toBe(200);
  return res.json.QueryResponse;
}

async function saleOn(realmId: string, token: string, customerId: string, txnDate: string) {
  const [item] = (await query(realmId, token, "select * from Item where Type = 'Service'")).Item;
  const [taxCode] = (await query(realmId, token, "select * from TaxCode")).TaxCode;
  return api(sandbox, realmId, token, "POST", "/salesreceipt", {
    TxnDate: txnDate,
    CustomerRef: { value: customerId },
    GlobalTaxCalculation: "TaxExcluded",
    Line: [{ Amount: 10, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: 10, TaxCodeRef: { value: taxCode.Id } } }],
  });
}

describe("the gateway in front of the books", () => {
  it("answers a query sent as GET ?query= and as POST application/text", async () => {
    const { realmId, token } = await freshCompany(sandbox);
    await api(sandbox, realmId, token, "POST", "/customer", { DisplayName: "Queried" });
    const viaGet = await query(realmId, token, "select * from Customer where DisplayName = 'Queried'");
    const res = await fetch(`${sandbox.url}/v3/company/${realmId}/query`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, accept: "application/json", "content-type": "application/text" },
      body: "select * from Customer where DisplayName = 'Queried'",
    });
    expect(res.status).toBe(200);
    const viaPost = (await res.json()).QueryResponse;
    expect(viaPost.Customer).toEqual(viaGet.Customer);
    expect(viaGet.Customer).toHaveLength(1);
  });

  it("answers malformed JSON with a 400 fault", async () => {
    const { realmId, token } = await freshCompany(sandbox);
    const res = await fetch(`${sandbox.url}/v3/company/${realmId}/customer`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: "{not json",
    });
    expect(res.status).toBe(400);
    expect((await res.json()).Fault.type).toBe("ValidationFault");
  });

  it("makes an injected inactive customer fail later references with 610", async () => {
    const { realmId, token } = await freshCompany(sandbox);
    const customer = (await api(sandbox, realmId, token, "POST", "/customer", { DisplayName: "Walk-in" })).json.Customer;
    expect((await saleOn(realmId, token, customer.Id, "2026-11-02")).status).toBe(200);
    await admin(sandbox, "POST", `/_sandbox/companies/${realmId}/faults`, { kind: "inactive", entity: "Customer", id: customer.Id });
    const refused = await saleOn(realmId, token, customer.Id, "2026-11-02");
    expect(refused.status).toBe(400);
    expect(refused.json.Fault.Error[0].code).toBe("610");
    const stored = (await admin(sandbox, "GET", `/_sandbox/companies/${realmId}/entities/Customer`)).json;
    expect(stored.find((c: Json) => c.Id === customer.Id).Active).toBe(false);
  });

  it("refuses documents dated before a closeBooks date", async () => {
    const { realmId, token } = await freshCompany(sandbox);
    const customer = (await api(sandbox, realmId, token, "POST", "/customer", { DisplayName: "Closed" })).json.Customer;
    await admin(sandbox, "POST", `/_sandbox/companies/${realmId}/faults`, { kind: "closeBooks", before: "2026-10-01" });
    const early = await saleOn(realmId, token, customer.Id, "2026-09-30");
    expect(early.status).toBe(400);
    expect(early.json.Fault.Error[0].code).toBe("6210");
    expect((await saleOn(realmId, token, customer.Id, "2026-10-01")).status).toBe(200);
  });

  it("lists entities, inactive ones included, and refuses an unknown entity", async () => {
    const { realmId } = await freshCompany(sandbox);
    const accounts = (await admin(sandbox, "GET", `/_sandbox/companies/${realmId}/entities/Account`)).json;
    expect(accounts.some((a: Json) => a.Name === "Undeposited Funds")).toBe(true);
    const unknown = await admin(sandbox, "GET", `/_sandbox/companies/${realmId}/entities/Spaceship`);
    expect(unknown.status).toBe(400);
  });
});

describe("batch throttling", () => {
  it("allows 40 batch calls a minute per company and app, then 429 3001, then OK after the window", async () => {
    // The limits' clock is the test's: a call every 200 ms stays under 10 a second, and the minute passes when the test says.
    let ms = 0;
    const limited = await startTestSandbox({ limitsClock: () => ms });
    try {
      const realmId = (await admin(limited, "POST", "/_sandbox/companies", { name: "Batchy", country: "US", region: "NY" })).json.realmId;
      const token = (await admin(limited, "POST", `/_sandbox/companies/${realmId}/tokens`, { clientId: "test-client" })).json.access_token;
      const batch = { BatchItemRequest: [{ bId: "1", Query: "select * from Customer" }] };
      const statuses: number[] = [];
      for (let i = 0; i < 41; i += 1) {
        statuses.push((await api(limited, realmId, token, "POST", "/batch", batch)).status);
        ms += 200;
      }
      expect(statuses).toEqual([...Array<number>(40).fill(200), 429]);
      // Plain calls are not batch calls.
      expect((await api(limited, realmId, token, "GET", `/companyinfo/${realmId}`)).status).toBe(200);
      ms = 60_000; // the first call leaves the window
      expect((await api(limited, realmId, token, "POST", "/batch", batch)).status).toBe(200);
      expect((await api(limited, realmId, token, "POST", "/batch", batch)).status).toBe(429);
    } finally {
      await limited.close();
    }
  });
});
