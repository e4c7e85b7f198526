import type { CompanyBooks, Entity } from "../books";
import { CURRENCY } from "../seed";
import { businessValidation, invalidProperty, requiredMissing } from "../faults";
import { type Ref, isObject, optNumber, optString, reqRef } from "../fields";
import { toCents } from "../money";
import { resolveActive } from "../refs";
import { isIsoDate, qboDate } from "../time";
import type { BuildContext, Fields } from "./types";

/** DocNumber, TxnDate and PrivateNote: the header every transaction shares. */
export function txnHeader({ now }: BuildContext, input: Fields): Fields {
  const txnDate = input.TxnDate ?? qboDate(now);
  if (!isIsoDate(txnDate)) throw invalidProperty(`TxnDate must be a date (YYYY-MM-DD), got ${String(txnDate)}`, "TxnDate");
  return {
    DocNumber: optString(input, "DocNumber", 21),
    TxnDate: txnDate,
    PrivateNote: optString(input, "PrivateNote", 4000),
  };
}

export function currencyRef(books: CompanyBooks): Ref & { name: string } {
  return CURRENCY[books.country];
}

/** The Line array of a transaction: required, non-empty, objects. */
export function readLines(input: Fields): Fields[] {
  const lines = input.Line;
  if (lines === undefined || lines === null) throw requiredMissing("Line");
  if (!Array.isArray(lines)) throw invalidProperty("Line must be an array", "Line");
  if (lines.some((l) => !isObject(l))) throw invalidProperty("Every Line must be an object", "Line");
  return lines as Fields[];
}

export function reqAmountCents(line: Fields, element: string): number {
  const amount = optNumber(line, "Amount", `${element}.Amount`);
  if (amount === undefined) throw requiredMissing(`${element}.Amount`);
  return toCents(amount);
}

/**
 * A deposit-to account: Bank or Other Current Asset (and active). `wrongType` is the business
 * validation detail for any other type.
 */
export function depositAccount(books: CompanyBooks, input: Fields, key: string, wrongType?: string): { entity: Entity; ref: Ref } {
  const resolved = resolveActive(books, "Account", reqRef(input, key), key);
  const type = resolved.entity.AccountType;
  if (type !== "Bank" && type !== "Other Current Asset") {
    throw businessValidation(wrongType ?? `${key} must be an account of type Bank or Other Current Asset, and ${String(resolved.entity.Name)} is ${String(type)}.`, key);
  }
  return resolved;
}

export function isUndepositedFunds(books: CompanyBooks, accountId: string | undefined): boolean {
  return accountId !== undefined && books.entities.Account?.[accountId]?.AccountSubType === "UndepositedFunds";
}

/** Fields of an optional ReferenceType-valued element, resolved against a name list. */
export function optResolved(books: CompanyBooks, entityName: string, input: Fields, key: string, element = key): Ref | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  return resolveActive(books, entityName, reqRef(input, key, element), element).ref;
}
