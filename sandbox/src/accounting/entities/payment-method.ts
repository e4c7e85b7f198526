import { allOf } from "../books";
import { duplicateName, invalidEnumeration, requiredMissing } from "../faults";
import { compact, optBool, optString } from "../fields";
import type { BuildContext, EntityDef, Fields } from "./types";

function build({ books, previous }: BuildContext, input: Fields): Fields {
  const name = optString(input, "Name", 31);
  if (name === undefined || name.trim() === "") throw requiredMissing("Name");
  const clash = allOf(books, "PaymentMethod").find((p) => p.Id !== previous?.Id && String(p.Name).toLowerCase() === name.toLowerCase());
  if (clash) throw duplicateName("The name supplied already exists. : Another payment method is already using this name. Please use a different name.");
  const type = input.Type ?? "NON_CREDIT_CARD";
  if (type !== "CREDIT_CARD" && type !== "NON_CREDIT_CARD") throw invalidEnumeration("Type", type);
  return compact({ Name: name, Active: optBool(input, "Active") ?? true, Type: type });
}

export const paymentMethodDef: EntityDef = {
  name: "PaymentMethod",
  kind: "name",
  build,
  filterable: ["Id", "Name", "Active", "Type", "MetaData.CreateTime", "MetaData.LastUpdatedTime"],
  sortable: ["Id", "Name", "MetaData.CreateTime", "MetaData.LastUpdatedTime"],
};
