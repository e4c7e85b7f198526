import { describe, expect, it } from "vitest";
import { queryLiteral } from "./query-literal";

describe("queryLiteral", () => {
  it("escapes apostrophes and backslashes, so a value never closes its quote early", () => {
    expect(queryLiteral("Maple Payments Card Sales")).toBe("'Maple Payments Card Sales'");
    expect(queryLiteral("O'Brien's")).toBe("'O\\'Brien\\'s'");
    // A trailing backslash escaped only for apostrophes would turn the closing quote into a literal one.
    expect(queryLiteral("C:\\")).toBe("'C:\\\\'");
    expect(queryLiteral("a\\'b")).toBe("'a\\\\\\'b'");
  });
});
