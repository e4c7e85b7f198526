import { invalidProperty } from "./faults";
import { SCHEMA_PROPERTIES } from "./schema-properties";

/**
 * QuickBooks deserializes request JSON strictly: a property its schema does not define for the
 * entity (at any depth) is refused with 2010 and Jackson's wording. SCHEMA_PROPERTIES is
 * generated from Intuit's XSDs (sandbox/test/intuit-xsd-generate-properties.ts).
 */
export function rejectUnknownProperties(typeName: string, value: unknown, path = typeName): void {
  const props = SCHEMA_PROPERTIES[typeName];
  if (!props || props["*"]) return;
  // Inside a reference QuickBooks ignores what it does not know (a nested {Type, EntityRef}
  // sent as a Deposit line's Entity is silently dropped: intuit/quickbooks-online-mcp-server#125).
  if (typeName === "ReferenceType") return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => rejectUnknownProperties(typeName, item, `${path}[${i}]`));
    return;
  }
  if (value === null || typeof value !== "object") return;
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const prop = props[key];
    if (!prop) {
      throw invalidProperty(
        `Property Name:Unrecognized field "${key}" (class com.intuit.schema.finance.v3.${typeName}), not marked as ignorable specified is unsupported or invalid`,
        `${path}.${key}`,
      );
    }
    if (prop[0] && child !== null && typeof child === "object") rejectUnknownProperties(prop[0], child, `${path}.${key}`);
  }
}
