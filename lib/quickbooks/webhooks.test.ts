import { describe, expect, it } from "vitest";
import { parseNotification, verifyIntuitSignature } from "./webhooks";

describe("Intuit webhook signature", () => {
  it("verifies Intuit's published test vector", () => {
    const body =
      '{"eventNotifications":[{"realmId":"1185883450","dataChangeEvent":{"entities":[{"name":"Customer","id":"1","operation":"Create","lastUpdated":"2015-10-05T14:42:19-0700"}]}}]}';
    expect(verifyIntuitSignature(body, "JC2GUwciPmRBwEO7WvrRmKqu9tGOKL8FFallocTFi8Q=", "b5771f19b12ddb4bcdb9f08bdc50bc63878a")).toBe(true);
    expect(verifyIntuitSignature(`${body} `, "JC2GUwciPmRBwEO7WvrRmKqu9tGOKL8FFallocTFi8Q=", "b5771f19b12ddb4bcdb9f08bdc50bc63878a")).toBe(false);
    expect(verifyIntuitSignature(body, null, "b5771f19b12ddb4bcdb9f08bdc50bc63878a")).toBe(false);
    expect(verifyIntuitSignature(body, "short", "b5771f19b12ddb4bcdb9f08bdc50bc63878a")).toBe(false);
  });
});

describe("Intuit notification payloads", () => {
  it("reads the CloudEvents array and the legacy format alike", () => {
    const cloud = parseNotification([
      { specversion: "1.0", id: "e1", source: "intuit", type: "qbo.customer.updated.v1", intuitentityid: "7", intuitaccountid: "123", data: {} },
    ]);
    expect(cloud).toEqual({ ok: true, changes: [{ realmId: "123", entity: "customer", id: "7", operation: "updated", changedAt: null }] });
    const legacy = parseNotification({
      eventNotifications: [{ realmId: "123", dataChangeEvent: { entities: [{ name: "Account", id: "5", operation: "Update" }] } }],
    });
    expect(legacy).toEqual({ ok: true, changes: [{ realmId: "123", entity: "account", id: "5", operation: "update", changedAt: null }] });
  });

  it("says what is wrong with a bad payload", () => {
    const bad = parseNotification([{ specversion: "1.0", id: "e1", type: "customer-updated", intuitentityid: "7", intuitaccountid: "123" }]);
    expect(bad).toEqual({ ok: false, error: expect.stringMatching(/0\.type type must look like/) });
    expect(parseNotification({}).ok).toBe(false);
  });
});
