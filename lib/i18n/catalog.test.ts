import { readFileSync } from "node:fs";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { NAMESPACES, loadMessages } from "./catalog";
import { formatMoney } from "./money";

function flatten(value: unknown, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (child && typeof child === "object") for (const [k, v] of flatten(child, path)) out.set(k, v);
    else out.set(path, String(child));
  }
  return out;
}

/**
 * ICU argument names used by a message ({name}, {count, plural, ...}), read with the ICU parser
 * next-intl itself uses, so words inside select and plural branches are not taken for arguments.
 */
function argumentsOf(message: string): string[] {
  const names = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if ("value" in element && typeof element.value === "string" && element.type !== TYPE.literal) names.add(element.value);
      if ("options" in element) for (const option of Object.values(element.options)) walk(option.value);
      if ("children" in element) walk(element.children);
    }
  };
  walk(parse(message, { ignoreTag: true }));
  return [...names].sort();
}

describe("translation catalogs", () => {
  for (const ns of NAMESPACES) {
    it(`${ns}: English and French have the same keys and the same placeholders`, () => {
      const read = (file: string) => flatten(JSON.parse(readFileSync(new URL(`./messages/${ns}/${file}.json`, import.meta.url), "utf8")));
      const en = read("en");
      const fr = read("fr");
      expect([...fr.keys()].sort()).toEqual([...en.keys()].sort());
      for (const [key, message] of en) {
        expect(fr.get(key)?.trim(), `${ns}.${key} is empty in French`).toBeTruthy();
        expect(argumentsOf(fr.get(key)!), `${ns}.${key} placeholders`).toEqual(argumentsOf(message));
      }
    });
  }

  it("loads every namespace for both locales", async () => {
    const en = await loadMessages("en");
    const fr = await loadMessages("fr-CA");
    expect(Object.keys(en).sort()).toEqual([...NAMESPACES].sort());
    expect((fr.common as Record<string, string>).appName).toBe("Settlebooks");
  });
});

describe("formatMoney", () => {
  it("formats minor units per locale", () => {
    expect(formatMoney(1299, "CAD", "en")).toBe("$12.99");
    expect(formatMoney(1299, "CAD", "fr-CA").replace(/\s/g, " ")).toBe("12,99 $");
    expect(formatMoney(-500, "USD", "en")).toBe("-$5.00");
    expect(formatMoney(123456789, "USD", "en")).toBe("$1,234,567.89");
  });
});
