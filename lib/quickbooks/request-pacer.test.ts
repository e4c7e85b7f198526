import { describe, expect, it } from "vitest";
import { RequestPacer } from "./request-pacer";

/** A fake clock: sleeping moves it forward, so the test measures the pacer's decisions, not time. */
function fakeTime() {
  let now = 0;
  return { clock: () => now, sleep: async (ms: number) => void (now += ms), get now() { return now; } };
}

describe("RequestPacer", () => {
  it("lets 10 calls through in a second and makes the 11th wait", async () => {
    const t = fakeTime();
    const pacer = new RequestPacer(undefined, 1, t.clock, t.sleep);
    for (let i = 0; i < 10; i++) await pacer.beforeCall(false);
    expect(t.now).toBe(0);
    await pacer.beforeCall(false);
    expect(t.now).toBeGreaterThanOrEqual(1000);
  });

  it("keeps batches to 40 a minute", async () => {
    const t = fakeTime();
    const pacer = new RequestPacer(undefined, 1, t.clock, t.sleep);
    for (let i = 0; i < 41; i++) await pacer.beforeCall(true);
    expect(t.now).toBeGreaterThanOrEqual(60_000);
    expect(t.now).toBeLessThan(61_000);
  });

  it("keeps all calls to 500 a minute and compresses windows with a time scale", async () => {
    const t = fakeTime();
    const pacer = new RequestPacer(undefined, 60, t.clock, t.sleep);
    for (let i = 0; i < 501; i++) await pacer.beforeCall(false);
    // 60× compressed: a minute lasts 1 s; 501 calls need just over one compressed minute.
    expect(t.now).toBeGreaterThanOrEqual(1000);
    expect(t.now).toBeLessThan(1100);
  });
});
