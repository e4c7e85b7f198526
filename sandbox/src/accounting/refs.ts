import { type CompanyBooks, type Entity, getEntity } from "./books";
import { invalidReference, objectNotFound } from "./faults";
import type { Ref } from "./fields";

/** The display name QuickBooks puts in a ReferenceType's `name`. */
function displayName(entity: Entity): string | undefined {
  const name = entity.FullyQualifiedName ?? entity.DisplayName ?? entity.Name;
  return typeof name === "string" ? name : undefined;
}

/**
 * Resolves a reference to a name-list entity: an unknown id is 2500 Invalid Reference Id, an
 * inactive one 610 Object Not Found (QuickBooks refuses to post to inactive accounts, customers,
 * items and tax codes). Returns the entity and the reference with its name filled in.
 */
export function resolveActive(books: CompanyBooks, entityName: string, ref: Ref, element: string): { entity: Entity; ref: Ref } {
  const entity = getEntity(books, entityName, ref.value);
  if (!entity) throw invalidReference(element, ref.value);
  if (entity.Active === false) {
    throw objectNotFound(element, `Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees. ${entityName} ${ref.value} is inactive.`);
  }
  const name = displayName(entity);
  return { entity, ref: name === undefined ? { value: ref.value } : { value: ref.value, name } };
}
