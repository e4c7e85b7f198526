import { describe, expect, it } from "vitest";
import { RateLimiter } from "../src/platform/rate-limits";

function limiterAt(timeScale = 1) {
  let now = 0;
  const limiter = new RateLimiter(timeScale, () => now);
  return { limiter, advance: (ms: number) => { now += ms; } };
}

const call = { realmId: "1", clientId: "app", batch: false };

describe("QuickBooks rate limits", () => {
  it("allows 10 calls a second per company and app", () => {
    const { limiter, advance } = limiterAt();
    for (let i = 0; i < 10; i += 1) expect(limiter.admit(call)).toBe(true);
    expect(limiter.admit(call)).toBe(false);
    expect(limiter.admit({ ...call, clientId: "other-app" })).toBe(true);
    advance(1000);
    expect(limiter.admit(call)).toBe(true);
  });

  it("allows 500 calls a minute per company", () => {
    const { limiter, advance } = limiterAt();
    let admitted = 0;
    for (let second = 0; second < 60; second += 1) {
      for (let i = 0; i < 10; i += 1) if (limiter.admit(call)) admitted += 1;
      advance(1000);
    }
    expect(admitted).toBe(500);
    expect(limiter.admit({ ...call, realmId: "2" })).toBe(true);
  });

  it("allows 40 batch calls a minute per company and app", () => {
    const { limiter, advance } = limiterAt();
    let admitted = 0;
    for (let i = 0; i < 60; i += 1) {
      if (limiter.admit({ ...call, batch: true })) admitted += 1;
      advance(200);
    }
    expect(admitted).toBe(40);
    expect(limiter.admit(call)).toBe(true);
    advance(60_000);
    expect(limiter.admit({ ...call, batch: true })).toBe(true);
  });

  it("compresses the windows by the time scale", () => {
    const { limiter, advance } = limiterAt(60);
    for (let i = 0; i < 10; i += 1) limiter.admit(call);
    expect(limiter.admit(call)).toBe(false);
    advance(1000 / 60);
    expect(limiter.admit(call)).toBe(true);
  });
});
