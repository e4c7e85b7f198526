import { describe, expect, it } from "vitest";
import { createCompanyBooks, handleAccountingRequest, listEntities, setEntityActive } from "../src/accounting";

const NOW = new Date("2026-03-10T17:00:00Z");
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function company() {
  const books = createCompanyBooks({ realmId: "777", name: "Query Co", country: "CA", region: "ON", now: NOW });
  const call = (method: "GET" | "POST", path: string, body?: unknown, query: Record<string, string> = {}, now = NOW) =>
    handleAccountingRequest(books, { method, path, query: new URLSearchParams(query), body, now });
  const query = (text: string) => call("GET", "/query", undefined, { query: text, minorversion: "75" });
  const rows = (text: string, entity: string): Json[] => {
    const res = query(text);
    if (res.status !== 200) throw new Error(JSON.stringify(res.body));
    return ((res.body as Json).QueryResponse[entity] ?? []) as Json[];
  };
  const queryFault = (text: string) => {
    const res = query(text);
    expect(res.status).toBe(400);
    return (res.body as Json).Fault.Error[0] as Json;
  };
  const gst = (listEntities(books, "TaxCode") as Json[]).find((c) => c.Name === "GST")!.Id as string;
  const receipt = (doc: string, amount: number, date: string, now = NOW) => {
    const res = call("POST", "/salesreceipt", { DocNumber: doc, TxnDate: date, GlobalTaxCalculation: "NotApplicable", Line: [{ DetailType: "SalesItemLineDetail", Amount: amount, SalesItemLineDetail: { ItemRef: { value: "1" } } }] }, {}, now);
    return (res.body as Json).SalesReceipt as Json;
  };
  return { books, call, query, rows, queryFault, gst, receipt };
}

describe("query language", () => {
  it("selects with =, <, >, <=, >=, IN and LIKE joined by AND, case-insensitive keywords", () => {
    const { rows, receipt } = company();
    receipt("MP-1", 10, "2026-03-01");
    receipt("MP-2", 20, "2026-03-02");
    receipt("MP-3", 30, "2026-03-03");
    receipt("OTHER-4", 40, "2026-03-04");
    const docs = (text: string) => rows(text, "SalesReceipt").map((r) => r.DocNumber);
    expect(docs("SELECT * FROM SalesReceipt WHERE DocNumber = 'MP-2'")).toEqual(["MP-2"]);
    expect(docs("select * from SalesReceipt where TotalAmt > '15' and TotalAmt <= '30'")).toEqual(["MP-2", "MP-3"]);
    expect(docs("select * from SalesReceipt where TxnDate >= '2026-03-03'")).toEqual(["MP-3", "OTHER-4"]);
    expect(docs("select * from SalesReceipt where TxnDate < '2026-03-02'")).toEqual(["MP-1"]);
    expect(docs("select * from SalesReceipt where DocNumber in ('MP-1', 'MP-3', 'nope')")).toEqual(["MP-1", "MP-3"]);
    expect(docs("select * from SalesReceipt where DocNumber like 'MP-%'")).toEqual(["MP-1", "MP-2", "MP-3"]);
    expect(docs("select * from SalesReceipt where DocNumber like '%4'")).toEqual(["OTHER-4"]);
  });

  it("orders, pages from STARTPOSITION 1 and reports what it returned", () => {
    const { query, receipt } = company();
    for (let i = 1; i <= 5; i += 1) receipt(`D-${i}`, i, `2026-03-0${i}`);
    const res = query("select * from SalesReceipt orderby TxnDate desc startposition 2 maxresults 2");
    const qr = (res.body as Json).QueryResponse;
    expect(qr.SalesReceipt.map((r: Json) => r.DocNumber)).toEqual(["D-4", "D-3"]);
    expect([qr.startPosition, qr.maxResults]).toEqual([2, 2]);
    expect(typeof (res.body as Json).time).toBe("string");
  });

  it("counts with count(*) and returns an empty QueryResponse when nothing matches", () => {
    const { query, receipt } = company();
    receipt("A", 1, "2026-03-01");
    receipt("B", 2, "2026-03-01");
    expect((query("select count(*) from SalesReceipt").body as Json).QueryResponse).toEqual({ totalCount: 2 });
    expect((query("select * from SalesReceipt where DocNumber = 'none'").body as Json).QueryResponse).toEqual({});
  });

  it("filters dotted properties such as MetaData.CreateTime (and the docs' Metadata spelling)", () => {
    const { rows, receipt } = company();
    receipt("OLD", 1, "2026-03-01", new Date("2026-03-01T12:00:00Z"));
    receipt("NEW", 1, "2026-03-01", new Date("2026-03-09T12:00:00Z"));
    expect(rows("select * from SalesReceipt where MetaData.CreateTime > '2026-03-05T00:00:00-08:00'", "SalesReceipt").map((r) => r.DocNumber)).toEqual(["NEW"]);
    expect(rows("select * from SalesReceipt where Metadata.LastUpdatedTime <= '2026-03-05'", "SalesReceipt").map((r) => r.DocNumber)).toEqual(["OLD"]);
  });

  it("compares references by id and names case-insensitively", () => {
    const { rows, call } = company();
    const c = (call("POST", "/customer", { DisplayName: "Maple Walk-in" }).body as Json).Customer;
    expect(rows("select * from Customer where DisplayName = 'maple walk-in'", "Customer")).toHaveLength(1);
    expect(rows("select * from Account where AccountType = 'Bank' orderby Name", "Account").map((a) => a.Name)).toEqual(["Chequing", "Savings"]);
    expect(rows(`select * from Item where IncomeAccountRef = '${(rows("select * from Account where Name = 'Services'", "Account")[0]).Id}'`, "Item").length).toBeGreaterThan(0);
    expect(c.Id).toBe("1");
  });

  it("returns only active name-list rows unless the query mentions Active", () => {
    const { books, rows, call } = company();
    const c = (call("POST", "/customer", { DisplayName: "Gone" }).body as Json).Customer;
    call("POST", "/customer", { DisplayName: "Here" });
    setEntityActive(books, "Customer", c.Id, false);
    expect(rows("select * from Customer", "Customer").map((x) => x.DisplayName)).toEqual(["Here"]);
    expect(rows("select * from Customer where Active IN (true, false)", "Customer")).toHaveLength(2);
    expect(rows("select * from Customer where Active = false", "Customer").map((x) => x.DisplayName)).toEqual(["Gone (deleted)"]);
  });

  it("takes the query from POST /query as application/text", () => {
    const { call } = company();
    const res = call("POST", "/query", "select * from CompanyInfo");
    expect((res.body as Json).QueryResponse.CompanyInfo[0].CompanyName).toBe("Query Co");
  });

  it("defaults to 100 rows and refuses more than 1000 (4001)", () => {
    const { call, rows, queryFault } = company();
    for (let i = 0; i < 105; i += 1) call("POST", "/customer", { DisplayName: `C${i}` });
    expect(rows("select * from Customer", "Customer")).toHaveLength(100);
    expect(rows("select * from Customer maxresults 1000", "Customer")).toHaveLength(105);
    expect(queryFault("select * from Customer maxresults 1001")).toMatchObject({ code: "4001", Message: "Invalid query", Detail: "QueryValidationError: value 1001 is too large. Max allowed value is 1000" });
  });

  it("answers parse errors with 4000 and unqueryable properties with 4001, as QuickBooks words them", () => {
    const { queryFault, query } = company();
    const or = queryFault("select * from Customer where DisplayName = 'a' or DisplayName = 'b'");
    expect(or).toMatchObject({ code: "4000", Message: "Error parsing query" });
    // JavaCC's wording, as QuickBooks sends it (e.g. mcohen01/node-quickbooks#56).
    expect(or.Detail).toBe('QueryParserError: Encountered " <OR> "or "" at line 1, column 48.\nWas expecting one of:\n    <EOF> \n    <AND> ...\n    "iterator" ...\n    "maxresults" ...\n    "order" ...\n    "orderby" ...\n    "startposition" ...\n    ');
    expect(queryFault("select * from Customer where DisplayName = 'Cutlery 'R Us'").Detail).toMatch(/^QueryParserError: Encountered " <IDENTIFIER> "R "" at line 1, column 54\./);
    // Escaped as node-quickbooks escapes it, the quote is fine.
    expect(query("select * from Customer where DisplayName = 'Cutlery \\'R Us'").status).toBe(200);
    expect(queryFault("select * from Account where Name like %x%").Detail).toBe('QueryParserError: Invalid content. Lexical error at line 1, column 39.  Encountered: "%" (37), after : ""');
    expect(queryFault("   ").Detail).toBe("QueryParserError: The query provided was empty");
    expect(queryFault("select from Customer").code).toBe("4000");
    expect(queryFault("select * from Customer where").code).toBe("4000");
    expect(queryFault("select * from NoSuchEntity").code).toBe("4000");
    expect(queryFault("")).toMatchObject({ code: "4000" });
    expect(queryFault("select * from Account where AcctNum = '100'")).toMatchObject({ code: "4001", Message: "Invalid query", Detail: "QueryValidationError: property 'AcctNum' is not queryable" });
    expect(queryFault("select * from Customer where PrimaryEmailAddr = 'a@b.ca'").Detail).toBe("QueryValidationError: property 'PrimaryEmailAddr' is not queryable");
  });
});

describe("batch", () => {
  it("runs items independently: partial failure answers a Fault in that item's place with HTTP 200", () => {
    const { call } = company();
    const res = call("POST", "/batch", {
      BatchItemRequest: [
        { bId: "1", operation: "create", Customer: { DisplayName: "Batch A" } },
        { bId: "2", operation: "create", Customer: { DisplayName: "Batch A" } },
        { bId: "3", Query: "select * from Customer where DisplayName = 'Batch A'" },
        { bId: "4", Query: "select * from Customer where Nope = 1" },
        { bId: "5", operation: "update", Customer: { Id: "1", SyncToken: "9", sparse: true, Notes: "stale" } },
      ],
    });
    expect(res.status).toBe(200);
    const items = (res.body as Json).BatchItemResponse as Json[];
    expect(items.map((i) => i.bId)).toEqual(["1", "2", "3", "4", "5"]);
    expect(items[0].Customer.DisplayName).toBe("Batch A");
    expect(items[1].Fault).toMatchObject({ type: "ValidationFault", Error: [{ code: "6240" }] });
    expect(items[2].QueryResponse.Customer).toHaveLength(1);
    expect(items[3].Fault.Error[0].code).toBe("4001");
    expect(items[4].Fault.Error[0].code).toBe("5010");
    expect(res.changes).toEqual([{ entity: "Customer", id: "1", operation: "Create" }]);
  });

  it("deletes and voids in batch", () => {
    const { call, receipt } = company();
    const a = receipt("V-1", 5, "2026-03-01");
    const b = receipt("D-1", 5, "2026-03-01");
    const res = call("POST", "/batch", { BatchItemRequest: [
      { bId: "v", operation: "update", optionsData: "void", SalesReceipt: { Id: a.Id, SyncToken: a.SyncToken } },
      { bId: "d", operation: "delete", SalesReceipt: { Id: b.Id, SyncToken: b.SyncToken } },
    ] });
    const items = (res.body as Json).BatchItemResponse as Json[];
    expect(items[0].SalesReceipt.TotalAmt).toBe(0);
    expect(items[1].SalesReceipt).toEqual({ domain: "QBO", status: "Deleted", Id: b.Id });
    expect(res.changes.map((c) => c.operation)).toEqual(["Void", "Delete"]);
  });

  it("accepts 30 items and refuses 31 with a 400 fault", () => {
    const { call } = company();
    const items = (n: number) => Array.from({ length: n }, (_, i) => ({ bId: `b${i}`, operation: "create", Customer: { DisplayName: `Many ${n}-${i}` } }));
    const thirty = call("POST", "/batch", { BatchItemRequest: items(30) });
    expect(thirty.status).toBe(200);
    expect((thirty.body as Json).BatchItemResponse).toHaveLength(30);
    const over = call("POST", "/batch", { BatchItemRequest: items(31) });
    expect(over.status).toBe(400);
    expect((over.body as Json).Fault.Error[0]).toMatchObject({ code: "1040", Message: "Batch size exceeds allowed limit" });
    expect(over.changes).toEqual([]);
  });

  it("refuses a malformed batch as a whole", () => {
    const { call } = company();
    expect(call("POST", "/batch", {}).status).toBe(400);
    expect(call("POST", "/batch", { BatchItemRequest: [{ operation: "create", Customer: {} }] }).status).toBe(400);
    expect(call("POST", "/batch", { BatchItemRequest: [{ bId: "1", Query: "x" }, { bId: "1", Query: "y" }] }).status).toBe(400);
  });
});
