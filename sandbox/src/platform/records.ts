/**
 * A value stored under a key of a plain record, never one inherited from Object.prototype: keys
 * come from URLs and request bodies, and "constructor" or "__proto__" must mean "not found".
 */
export function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
