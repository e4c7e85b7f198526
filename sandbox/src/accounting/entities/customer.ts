import { allOf } from "../books";
import { CURRENCY } from "../seed";
import { duplicateName, invalidProperty, QboFault } from "../faults";
import { compact, isObject, optBool, optRef, optString } from "../fields";
import { resolveActive } from "../refs";
import type { BuildContext, EntityDef, Fields } from "./types";

const NAME_PARTS = ["Title", "GivenName", "MiddleName", "FamilyName", "Suffix"] as const;
const NAME_LIMITS: Record<string, number> = { Title: 16, GivenName: 100, MiddleName: 100, FamilyName: 100, Suffix: 16 };

function address(input: Fields, key: string): Fields | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw invalidProperty(`${key} must be an object`, key);
  const out: Fields = {};
  for (const line of ["Line1", "Line2", "Line3", "Line4", "Line5"]) out[line] = optString(value, line, 500, `${key}.${line}`);
  for (const f of ["City", "Country", "CountrySubDivisionCode"]) out[f] = optString(value, f, 255, `${key}.${f}`);
  out.PostalCode = optString(value, "PostalCode", 30, `${key}.PostalCode`);
  return compact(out);
}

function build({ books, previous }: BuildContext, input: Fields): Fields {
  const parts: Fields = {};
  for (const p of NAME_PARTS) parts[p] = optString(input, p, NAME_LIMITS[p]);
  let displayName = optString(input, "DisplayName", 500);
  if (displayName === undefined || displayName.trim() === "") {
    // QuickBooks builds the display name from the name parts when none is given.
    const generated = NAME_PARTS.map((p) => parts[p]).filter(Boolean).join(" ").trim();
    if (!generated) {
      throw new QboFault([{ code: "6080", message: "No Name Provided", detail: "You must provide a DisplayName or at least one of Title, GivenName, MiddleName, FamilyName or Suffix.", element: "DisplayName" }]);
    }
    displayName = generated;
  }
  if (displayName.includes(":")) throw invalidProperty("DisplayName cannot contain a colon (:)", "DisplayName");
  // DisplayName is unique across customers (and, in QuickBooks, vendors and employees).
  const clash = allOf(books, "Customer").find((c) => c.Id !== previous?.Id && String(c.DisplayName).toLowerCase() === displayName!.toLowerCase());
  if (clash) throw duplicateName();

  const email = input.PrimaryEmailAddr;
  let primaryEmail: Fields | undefined;
  if (email !== undefined && email !== null) {
    if (!isObject(email)) throw invalidProperty("PrimaryEmailAddr must be an object", "PrimaryEmailAddr");
    const address = optString(email, "Address", 100, "PrimaryEmailAddr.Address");
    if (address !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address)) {
      throw new QboFault([{ code: "2210", message: "Email Address does not conform to the syntax rules of RFC 822", detail: `Email Address does not conform to the syntax rules of RFC 822: ${address}`, element: "PrimaryEmailAddr" }]);
    }
    primaryEmail = compact({ Address: address });
  }
  const phone = input.PrimaryPhone;
  const primaryPhone = isObject(phone) ? compact({ FreeFormNumber: optString(phone, "FreeFormNumber", 30, "PrimaryPhone.FreeFormNumber") }) : undefined;

  let defaultTaxCode = optRef(input, "DefaultTaxCodeRef");
  if (defaultTaxCode) defaultTaxCode = resolveActive(books, "TaxCode", defaultTaxCode, "DefaultTaxCodeRef").ref;
  let paymentMethod = optRef(input, "PaymentMethodRef");
  if (paymentMethod) paymentMethod = resolveActive(books, "PaymentMethod", paymentMethod, "PaymentMethodRef").ref;

  return compact({
    ...parts,
    DisplayName: displayName,
    CompanyName: optString(input, "CompanyName", 100),
    PrintOnCheckName: optString(input, "PrintOnCheckName", 110) ?? displayName,
    FullyQualifiedName: displayName,
    Active: optBool(input, "Active") ?? true,
    PrimaryEmailAddr: primaryEmail,
    PrimaryPhone: primaryPhone,
    BillAddr: address(input, "BillAddr"),
    ShipAddr: address(input, "ShipAddr"),
    Notes: optString(input, "Notes", 2000),
    Job: false,
    BillWithParent: false,
    Taxable: optBool(input, "Taxable") ?? (books.country === "US" ? true : undefined),
    DefaultTaxCodeRef: defaultTaxCode,
    PaymentMethodRef: paymentMethod,
    // Receipts are paid in full, so nothing here moves a customer's open balance.
    Balance: 0,
    BalanceWithJobs: 0,
    CurrencyRef: CURRENCY[books.country],
    PreferredDeliveryMethod: "None",
  });
}

export const customerDef: EntityDef = {
  name: "Customer",
  kind: "name",
  build,
  deletedSuffixFields: ["DisplayName", "FullyQualifiedName"],
  filterable: ["Id", "DisplayName", "GivenName", "MiddleName", "FamilyName", "CompanyName", "FullyQualifiedName", "PrintOnCheckName", "Active", "Balance", "MetaData.CreateTime", "MetaData.LastUpdatedTime"],
  sortable: ["Id", "DisplayName", "GivenName", "MiddleName", "FamilyName", "CompanyName", "FullyQualifiedName", "PrintOnCheckName", "Balance", "MetaData.CreateTime", "MetaData.LastUpdatedTime"],
};
