import { describe, expect, it } from "vitest";
import { qboDocumentUrl } from "./document-url";

describe("links to posted documents", () => {
  it("opens Intuit's document page in production and in Intuit's sandbox", () => {
    const production = { QBO_ENVIRONMENT: "production", QBO_LOCAL_URL: "http://localhost:4010" } as const;
    const sandbox = { QBO_ENVIRONMENT: "sandbox", QBO_LOCAL_URL: "http://localhost:4010" } as const;
    expect(qboDocumentUrl({ entity: "Deposit", id: "1042", realmId: "9130" }, production)).toBe("https://app.qbo.intuit.com/app/deposit?txnId=1042");
    expect(qboDocumentUrl({ entity: "SalesReceipt", id: "7" }, production)).toBe("https://app.qbo.intuit.com/app/salesreceipt?txnId=7");
    expect(qboDocumentUrl({ entity: "RefundReceipt", id: "8" }, sandbox)).toBe("https://app.sandbox.qbo.intuit.com/app/refundreceipt?txnId=8");
    expect(qboDocumentUrl({ entity: "Purchase", id: "9" }, sandbox)).toBe("https://app.sandbox.qbo.intuit.com/app/expense?txnId=9");
    expect(qboDocumentUrl({ entity: "JournalEntry", id: "10" }, sandbox)).toBe("https://app.sandbox.qbo.intuit.com/app/journal?txnId=10");
  });

  it("opens the offline sandbox's own page for the company locally, with the id encoded", () => {
    const local = { QBO_ENVIRONMENT: "local", QBO_LOCAL_URL: "http://localhost:4010/" } as const;
    expect(qboDocumentUrl({ entity: "Deposit", id: "77", realmId: "4620816365" }, local)).toBe("http://localhost:4010/app/deposit?txnId=77&realmId=4620816365");
    expect(qboDocumentUrl({ entity: "Deposit", id: "a&b" }, local)).toBe("http://localhost:4010/app/deposit?txnId=a%26b");
  });
});
