/**
 * QuickBooks faults in words a merchant understands. lib/ does not translate: each explanation is
 * catalog keys (namespace "sync", under "faults.") with their parameters, and the component
 * translates them. The raw fault stays available behind a disclosure.
 */
import type { MappingSlot } from "@/lib/quickbooks/mapping/mapping-choice";

export interface FaultFields {
  code: string | null;
  message: string | null;
  detail: string | null;
  element: string | null;
}

export type RecordType = "transaction" | "fee" | "deposit";

interface MessageRef {
  key: string;
  params: Record<string, string>;
}

export interface FaultExplanation {
  /** What went wrong. */
  reason: MessageRef;
  /** What to do about it. */
  fix: MessageRef;
  /** The mapping choice to fix (the Edit mapping form's slot), when the fault points at one. */
  slot: MappingSlot | null;
}

type Referenced = "customer" | "item" | "taxCode" | "account" | "paymentMethod" | "unknown";

/** The ids the connection's mapping uses: an id named in a fault then says which choice to fix. */
export interface MappedIds {
  bankAccountId: string;
  revenueAccountId: string;
  expenseAccountId: string;
  customerId: string;
  taxCodeId: string;
}

// QuickBooks' 610 detail lists every kind of object ("Check the fields with accounts, customers,
// items, …"); only what follows it names the one at fault.
const GENERIC_610 = /check the fields with accounts, customers, items, vendors or employees\.?/gi;
const SPECIFIC = /\b(Account|Customer|Item|TaxCode|PaymentMethod)\s+(\S+)\s+is inactive/i;

function kindOf(s: string): Referenced | null {
  if (/customer/.test(s)) return "customer";
  if (/taxcode|tax code|taxrate|tax rate/.test(s)) return "taxCode";
  if (/paymentmethod|payment method/.test(s)) return "paymentMethod";
  if (/itemref|\bitem\b/.test(s)) return "item";
  if (/account/.test(s)) return "account";
  return null;
}

/** Which kind of object an "inactive or deleted" fault is about: the element, then the object the detail names, then its words. */
export function referencedObject(fault: FaultFields): Referenced {
  const element = (fault.element ?? "").toLowerCase();
  const specific = SPECIFIC.exec(fault.detail ?? "");
  const text = `${fault.detail ?? ""} ${fault.message ?? ""}`.replace(GENERIC_610, "").toLowerCase();
  return kindOf(element) ?? (specific ? kindOf(specific[1].toLowerCase()) : null) ?? kindOf(text) ?? "unknown";
}

/** The id of the object a fault names ("Account 91 is inactive", "…assigned is not found or is invalid: 91"). */
function referencedId(fault: FaultFields): string | null {
  const detail = fault.detail ?? "";
  return SPECIFIC.exec(detail)?.[2] ?? /is not found or is invalid:\s*(\S+)/i.exec(detail)?.[1] ?? null;
}

/** The mapped account at fault: by its id when the fault names it, else by where it sits in the document. */
function accountSlot(recordType: RecordType, fault: FaultFields, mapping: MappedIds | undefined): MappingSlot {
  const id = referencedId(fault);
  if (mapping && id) {
    if (id === mapping.bankAccountId) return "bank";
    if (id === mapping.revenueAccountId) return "revenue";
    if (id === mapping.expenseAccountId) return "expense";
  }
  const where = `${fault.element ?? ""} ${fault.detail ?? ""}`.toLowerCase();
  if (/deposittoaccountref|bank/.test(where)) return "bank";
  if (/expense|fee/.test(where)) return "expense";
  if (recordType === "deposit") return "bank";
  if (recordType === "fee") return "expense";
  return "revenue";
}

const TRANSIENT = new Set(["5010", "10000", "3001", "3200"]);
const VALIDATION = new Set(["2010", "2020", "2050", "2170", "2210", "6000", "6070", "6080", "6100", "620", "500"]);

/**
 * Explains one failed item. `docNumber` and `businessDate` fill the texts that mention them.
 * Closed books: QuickBooks' 6210 "Account Period Closed" (the sandbox answers the same code).
 */
export function explainFault(
  fault: FaultFields,
  context: { recordType: RecordType; docNumber?: string | null; businessDate: string; mapping?: MappedIds },
): FaultExplanation {
  const code = (fault.code ?? "").trim();
  const detail = (fault.detail || fault.message || "").trim();
  const ref = (key: string, params: Record<string, string> = {}): MessageRef => ({ key: `faults.${key}`, params });
  const text = `${fault.message ?? ""} ${fault.detail ?? ""}`.toLowerCase();

  if (code === "610" || code === "2500" || /made inactive|has been deleted|object not found|invalid reference/.test(text)) {
    const object = referencedObject(fault);
    switch (object) {
      case "customer":
        return { reason: ref("inactive.customer.reason"), fix: ref("inactive.customer.fix"), slot: "customer" };
      case "taxCode":
        return { reason: ref("inactive.taxCode.reason"), fix: ref("inactive.taxCode.fix"), slot: "taxCode" };
      case "item":
        // The service item is Settlebooks' own; it points at the mapped revenue account.
        return { reason: ref("inactive.item.reason"), fix: ref("inactive.item.fix"), slot: "revenue" };
      case "paymentMethod":
        return { reason: ref("inactive.paymentMethod.reason"), fix: ref("inactive.paymentMethod.fix"), slot: null };
      case "account": {
        const slot = accountSlot(context.recordType, fault, context.mapping);
        return { reason: ref(`inactive.account.reason`, { slot }), fix: ref(`inactive.account.fix.${slot}`), slot };
      }
      default:
        return { reason: ref("inactive.unknown.reason"), fix: ref("inactive.unknown.fix"), slot: null };
    }
  }
  if (code === "6210" || /period closed|books are closed|closing date/.test(text)) {
    return { reason: ref("closedBooks.reason", { date: context.businessDate }), fix: ref("closedBooks.fix"), slot: null };
  }
  if (code === "6190" || /invalid company status|subscription/.test(text)) {
    return { reason: ref("subscriptionEnded.reason"), fix: ref("subscriptionEnded.fix"), slot: null };
  }
  if (code === "6140" || /duplicate document number/.test(text)) {
    return { reason: ref("duplicateNumber.reason", { docNumber: context.docNumber ?? "" }), fix: ref("duplicateNumber.fix"), slot: null };
  }
  if (TRANSIENT.has(code)) {
    return { reason: ref("temporary.reason"), fix: ref("temporary.fix"), slot: null };
  }
  if (VALIDATION.has(code) || /validation/.test(text)) {
    return { reason: ref("validation.reason", { detail: detail || code }), fix: ref("validation.fix"), slot: null };
  }
  return { reason: ref("unknown.reason", { code: code || "?", detail: detail || "—" }), fix: ref("unknown.fix"), slot: null };
}
