import { allOf } from "../books";
import { duplicateName, invalidEnumeration, requiredMissing } from "../faults";
import { compact, optBool, optNumber, optString } from "../fields";
import { optResolved } from "./txn-common";
import type { BuildContext, EntityDef, Fields } from "./types";

const ITEM_TYPES = ["Inventory", "NonInventory", "Service", "Category", "Group", "Bundle"];
/** Types that sell, so need an income account. */
const SELLING = new Set(["Inventory", "NonInventory", "Service"]);

function build({ books, previous }: BuildContext, input: Fields): Fields {
  const name = optString(input, "Name", 100);
  if (name === undefined || name.trim() === "") throw requiredMissing("Name");
  const clash = allOf(books, "Item").find((i) => i.Id !== previous?.Id && String(i.Name).toLowerCase() === name.toLowerCase());
  if (clash) throw duplicateName("The name supplied already exists. : Another product or service is already using this name. Please use a different name.");
  const type = input.Type;
  if (type === undefined || type === null) throw requiredMissing("Type");
  if (!ITEM_TYPES.includes(type as string)) throw invalidEnumeration("Type", type);
  const income = optResolved(books, "Account", input, "IncomeAccountRef");
  if (SELLING.has(type as string) && !income) throw requiredMissing("IncomeAccountRef");
  const us = books.country === "US";
  return compact({
    Name: name,
    Sku: optString(input, "Sku", 100),
    Description: optString(input, "Description", 4000),
    Active: optBool(input, "Active") ?? true,
    FullyQualifiedName: name,
    Taxable: us ? optBool(input, "Taxable") ?? false : undefined,
    SalesTaxIncluded: us ? undefined : optBool(input, "SalesTaxIncluded"),
    UnitPrice: optNumber(input, "UnitPrice") ?? 0,
    Type: type,
    IncomeAccountRef: income,
    PurchaseDesc: optString(input, "PurchaseDesc", 1000),
    PurchaseCost: optNumber(input, "PurchaseCost"),
    ExpenseAccountRef: optResolved(books, "Account", input, "ExpenseAccountRef"),
    AssetAccountRef: type === "Inventory" ? optResolved(books, "Account", input, "AssetAccountRef") : undefined,
    TrackQtyOnHand: type === "Inventory",
    QtyOnHand: type === "Inventory" ? optNumber(input, "QtyOnHand") ?? 0 : undefined,
    InvStartDate: type === "Inventory" ? optString(input, "InvStartDate", 10) : undefined,
    SalesTaxCodeRef: us ? undefined : optResolved(books, "TaxCode", input, "SalesTaxCodeRef"),
    PurchaseTaxCodeRef: us ? undefined : optResolved(books, "TaxCode", input, "PurchaseTaxCodeRef"),
  });
}

export const itemDef: EntityDef = {
  name: "Item",
  kind: "name",
  build,
  deletedSuffixFields: ["Name", "FullyQualifiedName"],
  filterable: ["Id", "Name", "Sku", "Type", "Active", "FullyQualifiedName", "Taxable", "UnitPrice", "IncomeAccountRef", "MetaData.CreateTime", "MetaData.LastUpdatedTime"],
  sortable: ["Id", "Name", "Sku", "Type", "FullyQualifiedName", "UnitPrice", "MetaData.CreateTime", "MetaData.LastUpdatedTime"],
};
