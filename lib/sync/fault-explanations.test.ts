import { describe, expect, it } from "vitest";
import { explainFault, referencedObject } from "./fault-explanations";

const fault = (code: string, detail = "", element = "", message = "") => ({ code, detail, element, message });
const receipt = { recordType: "transaction" as const, businessDate: "2026-11-20", docNumber: "SB-7Q2" };

describe("explainFault", () => {
  it("names the mapping to fix for an inactive or deleted customer, tax code, item or account", () => {
    expect(explainFault(fault("610", "Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.", "CustomerRef"), receipt)).toMatchObject({
      reason: { key: "faults.inactive.customer.reason" },
      fix: { key: "faults.inactive.customer.fix" },
      slot: "customer",
    });
    expect(explainFault(fault("610", "Object Not Found: TaxCode 7 is inactive", ""), receipt).slot).toBe("taxCode");
    expect(explainFault(fault("610", "", "Line.SalesItemLineDetail.ItemRef"), receipt)).toMatchObject({ slot: "revenue", reason: { key: "faults.inactive.item.reason" } });
    expect(explainFault(fault("2500", "Invalid Reference Id : Accounts element id 35 not found", "DepositToAccountRef"), { ...receipt, recordType: "deposit" })).toMatchObject({
      slot: "bank",
      fix: { key: "faults.inactive.account.fix.bank" },
    });
    expect(explainFault(fault("610", "Account 91 is inactive", ""), { ...receipt, recordType: "fee" }).slot).toBe("expense");
    expect(explainFault(fault("610", "Account 90 is inactive", ""), receipt).slot).toBe("revenue");
    expect(explainFault(fault("610", "Another user has deleted this transaction."), receipt)).toMatchObject({ slot: null, reason: { key: "faults.inactive.unknown.reason" } });
  });

  it("reads the sandbox's 610 and 2500 details: the named object, not the generic list of kinds", () => {
    const generic = "Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.";
    const mapping = { bankAccountId: "35", revenueAccountId: "90", expenseAccountId: "91", customerId: "58", taxCodeId: "7" };
    const deposit = { ...receipt, recordType: "deposit" as const, mapping };
    // A fee line of a deposit: the element says "an account", the id says which one.
    expect(explainFault(fault("610", `${generic} Account 91 is inactive.`, "Line[3].DepositLineDetail.AccountRef"), deposit)).toMatchObject({ slot: "expense", fix: { key: "faults.inactive.account.fix.expense" } });
    expect(explainFault(fault("610", `${generic} Account 90 is inactive.`, "Line[0].DepositLineDetail.AccountRef"), deposit).slot).toBe("revenue");
    expect(explainFault(fault("610", `${generic} Account 35 is inactive.`, "DepositToAccountRef"), deposit).slot).toBe("bank");
    expect(explainFault(fault("610", `${generic} Customer 58 is inactive.`, "CustomerRef"), receipt).slot).toBe("customer");
    expect(explainFault(fault("610", `${generic} TaxCode 7 is inactive.`, "Line[0].SalesItemLineDetail.TaxCodeRef"), receipt).slot).toBe("taxCode");
    expect(explainFault(fault("610", `${generic} Item 12 is inactive.`, "Line[0].SalesItemLineDetail.ItemRef"), receipt).reason.key).toBe("faults.inactive.item.reason");
    // No element: the named object decides, not the words of the generic sentence.
    expect(explainFault(fault("610", `${generic} Account 91 is inactive.`, ""), { ...receipt, recordType: "fee", mapping }).slot).toBe("expense");
    expect(explainFault(fault("2500", "Invalid Reference Id : DepositToAccountRef assigned is not found or is invalid: 35", "DepositToAccountRef"), deposit).slot).toBe("bank");
  });

  it("reads the element before the texts", () => {
    expect(referencedObject(fault("610", "an account or a customer", "CustomerRef"))).toBe("customer");
    expect(referencedObject(fault("610", "", "PaymentMethodRef"))).toBe("paymentMethod");
  });

  it("explains closed books, an ended subscription, a duplicate number and validation details", () => {
    expect(explainFault(fault("6210", "The account period has closed."), receipt)).toMatchObject({ reason: { key: "faults.closedBooks.reason", params: { date: "2026-11-20" } }, slot: null });
    expect(explainFault(fault("6190", "Invalid Company Status"), receipt).reason.key).toBe("faults.subscriptionEnded.reason");
    expect(explainFault(fault("6140", "Duplicate Document Number Error"), receipt).reason).toEqual({ key: "faults.duplicateNumber.reason", params: { docNumber: "SB-7Q2" } });
    for (const code of ["2020", "2050", "6000"]) {
      const detail = `Business Validation Error: detail for ${code}`;
      expect(explainFault(fault(code, detail), receipt)).toMatchObject({ reason: { key: "faults.validation.reason", params: { detail } }, fix: { key: "faults.validation.fix" } });
    }
    expect(explainFault(fault("10000", "An application error has occurred"), receipt).reason.key).toBe("faults.temporary.reason");
    expect(explainFault(fault("9999", "Something new"), receipt).reason).toEqual({ key: "faults.unknown.reason", params: { code: "9999", detail: "Something new" } });
  });
});
