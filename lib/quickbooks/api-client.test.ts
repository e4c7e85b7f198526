import { describe, expect, it } from "vitest";
import { QboFaultError } from "./errors";
import { apiAnswering } from "./testing/answering-api";

describe("QboApi.query", () => {
  it("returns the rows, or none when QuickBooks left the entity out (nothing matched)", async () => {
    expect(await apiAnswering({ "/query": { QueryResponse: { SalesReceipt: [{ Id: "7", DocNumber: "A-1" }] } } }).query("SalesReceipt", "SELECT")).toEqual([
      { Id: "7", DocNumber: "A-1" },
    ]);
    expect(await apiAnswering({ "/query": { QueryResponse: {}, time: "now" } }).query("SalesReceipt", "SELECT")).toEqual([]);
  });

  it("throws on an answer that is not a query response, so adoption never reads it as 'not found'", async () => {
    await expect(apiAnswering({ "/query": { Something: "else" } }).query("SalesReceipt", "SELECT")).rejects.toThrow(QboFaultError);
    await expect(apiAnswering({ "/query": { QueryResponse: { SalesReceipt: [{ DocNumber: "no id" }] } } }).query("SalesReceipt", "SELECT")).rejects.toThrow(
      /SalesReceipt query/,
    );
    await expect(apiAnswering({ "/query": { QueryResponse: { SalesReceipt: { Id: "7" } } } }).query("SalesReceipt", "SELECT")).rejects.toThrow(QboFaultError);
  });
});
