/** Small readers for request fields that raise QuickBooks' own faults. */
import { invalidProperty, requiredMissing, stringLength } from "./faults";
import type { Fields } from "./entities/types";
import { hasAtMostDecimals } from "./money";

export function isObject(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function optString(input: Fields, key: string, max: number, element = key): string | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw invalidProperty(`${element} must be a string`, element);
  if (value.length > max) throw stringLength(element, max, value.length);
  return value;
}

export function optBool(input: Fields, key: string, element = key): boolean | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") throw invalidProperty(`${element} must be true or false`, element);
  return value;
}

/** A number in QuickBooks' amount format (up to 5 decimals); strings of digits are accepted as QuickBooks does. */
export function optNumber(input: Fields, key: string, element = key): number | undefined {
  let value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value.trim())) value = Number(value);
  if (typeof value !== "number" || !Number.isFinite(value)) throw invalidProperty(`${element} must be a number`, element);
  if (Math.abs(value) >= 1e10 || !hasAtMostDecimals(value, 5)) {
    throw invalidProperty(`${element} ${value} is outside the supported amount format (10 digits, 5 decimals)`, element);
  }
  return value;
}

export interface Ref {
  value: string;
  name?: string;
}

export function optRef(input: Fields, key: string, element = key): Ref | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (!isObject(value) || (typeof value.value !== "string" && typeof value.value !== "number")) {
    throw invalidProperty(`${element} must be an object with a value`, element);
  }
  const id = String(value.value);
  if (id.trim() === "") throw requiredMissing(`${element}.value`);
  return { value: id };
}

export function reqRef(input: Fields, key: string, element = key): Ref {
  const ref = optRef(input, key, element);
  if (!ref) throw requiredMissing(element);
  return ref;
}

/** Copies the keys that are set (drops undefined) so stored entities only carry present elements. */
export function compact(fields: Fields): Fields {
  const out: Fields = {};
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) out[k] = v;
  return out;
}
