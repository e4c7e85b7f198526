import { qboTime } from "./time";

/** One error inside QuickBooks' Fault envelope. */
export interface FaultError {
  code: string;
  message: string;
  detail?: string;
  element?: string;
}

/**
 * A QuickBooks fault raised anywhere inside a request. Entity code throws it; the router turns it
 * into the HTTP answer (400 unless a status is given) and a batch turns it into the item's Fault.
 */
export class QboFault extends Error {
  readonly errors: FaultError[];
  constructor(
    errors: FaultError[],
    readonly status = 400,
    readonly type = "ValidationFault",
  ) {
    super(errors.map((e) => `${e.code} ${e.message}: ${e.detail ?? ""}`).join("; "));
    this.errors = errors.map((e) => (e.element ? { ...e, element: qboPath(e.element) } : e));
  }
}

/** QuickBooks names elements by path without line indexes: "Line.SalesItemLineDetail.ItemRef". */
function qboPath(element: string): string {
  return element.replace(/\[\d+\]/g, "");
}

/** {Fault:{Error:[{Message,Detail,code,element}],type},time} as QuickBooks sends it. */
export function faultBody(errors: FaultError[], type = "ValidationFault", now: Date = new Date()): unknown {
  return { Fault: faultObject(errors, type), time: qboTime(now) };
}

/** The Fault object alone (batch items carry it without a time). */
export function faultObject(errors: FaultError[], type = "ValidationFault"): unknown {
  return {
    Error: errors.map((e) => ({ Message: e.message, Detail: e.detail ?? e.message, code: e.code, element: e.element ?? "" })),
    type,
  };
}

// The faults QuickBooks raises, with its own codes and wording (see reference/qbo-api.md §7).

export function requiredMissing(param: string): QboFault {
  return new QboFault([{
    code: "2020",
    message: "Required param missing, need to supply the required value for the API",
    detail: `Required parameter ${qboPath(param)} is missing in the request`,
    element: param,
  }]);
}

/** An id that names nothing: QuickBooks' detail is just the element path. */
export function invalidReference(element: string, _value?: unknown, detail?: string): QboFault {
  return new QboFault([{
    code: "2500",
    message: "Invalid Reference Id",
    detail: `Invalid Reference Id : ${detail ?? qboPath(element)}`,
    element,
  }]);
}

/** A reference to something inactive (or a missing object on read/update): 610. */
export function objectNotFound(element = "", detail?: string): QboFault {
  return new QboFault([{
    code: "610",
    message: "Object Not Found",
    detail: detail ?? "Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.",
    element,
  }]);
}

export function staleObject(): QboFault {
  return new QboFault([{
    code: "5010",
    message: "Stale Object Error",
    detail: "Stale Object Error : You and sandbox were working on this at the same time. sandbox finished before you did, so your work was not saved.",
  }]);
}

export function duplicateName(detail = "The name supplied already exists. : Another customer, vendor or employee is already using this name. Please use a different name."): QboFault {
  return new QboFault([{ code: "6240", message: "Duplicate Name Exists Error", detail }]);
}

export function stringLength(element: string, max: number, supplied: number, min = 0): QboFault {
  return new QboFault([{
    code: "2050",
    message: "String length is either shorter or longer than supported by specification",
    detail: `String length specified does not match the supported length. Min:${min.toLocaleString("en-US")} Max:${max.toLocaleString("en-US")} supported. Supplied length:${supplied.toLocaleString("en-US")}`,
    element,
  }]);
}

export function businessValidation(detail: string, element = ""): QboFault {
  return new QboFault([{
    code: "6000",
    message: "A business validation error has occurred while processing your request",
    detail: `Business Validation Error: ${detail}`,
    element,
  }]);
}

/**
 * A transaction dated inside closed books. Code 6210 per Intuit's error table (one integrator
 * saw the same message under 5010: routablehq/python-quickbooks#208); the detail is QuickBooks'
 * "The account period has closed." with the offending date added.
 */
export function periodClosed(txnDate: string): QboFault {
  return new QboFault([{
    code: "6210",
    message: "Account Period Closed",
    detail: `The account period has closed. TxnDate ${txnDate} is on or before the closing date.`,
    element: "TxnDate",
  }]);
}

export function invalidProperty(detail: string, element = ""): QboFault {
  return new QboFault([{ code: "2010", message: "Request has invalid or unsupported property", detail, element }]);
}

export function unsupportedOperation(detail: string): QboFault {
  return new QboFault([{ code: "500", message: "Unsupported Operation", detail }]);
}

export function invalidEnumeration(element: string, value: unknown): QboFault {
  return new QboFault([{
    code: "2170",
    message: "Invalid Enumeration",
    detail: `Invalid Enumeration : ${String(value)} is not a valid value for ${element}`,
    element,
  }]);
}

export function duplicateDocNumber(docNumber: string, entity: string, id: string): QboFault {
  return new QboFault([{
    code: "6140",
    message: "Duplicate Document Number Error",
    detail: `Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber=${docNumber} is assigned to TxnType=${entity} with TxnId=${id}`,
    element: "DocNumber",
  }]);
}

export function depositedTxnLocked(entity: string, id: string): QboFault {
  return new QboFault([{
    code: "6540",
    message: "Deposited Transaction cannot be changed",
    detail: `Deposited Transaction cannot be changed : This ${entity} (Id ${id}) has been deposited. If you want to change or delete it, you must first edit the deposit it appears on and remove it.`,
  }]);
}
