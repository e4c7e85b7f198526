import { describe, expect, it } from "vitest";
import { assertLocalServer } from "./local-server";

describe("assertLocalServer", () => {
  it("accepts this machine's server and refuses any other before a database is dropped", () => {
    expect(() => assertLocalServer("postgres://postgres@127.0.0.1:5432/postgres")).not.toThrow();
    expect(() => assertLocalServer("postgres://postgres@localhost/postgres")).not.toThrow();
    expect(() => assertLocalServer("postgres://postgres@[::1]:5432/postgres")).not.toThrow();
    expect(() => assertLocalServer("postgres://admin@db.example.com:5432/postgres")).toThrow(/db\.example\.com/);
    expect(() => assertLocalServer("postgres://admin@10.0.0.12/postgres")).toThrow(/localhost/);
  });
});
