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
    // QuickBooks' second plus the margin: the 11th call arrives after the 1st has left the window
    // even when the 1st travelled up to a fifth of a second longer.
    expect(t.now).toBeGreaterThanOrEqual(1200);
    expect(t.now).toBeLessThan(1250);
  });

  it("keeps batches to 40 a minute", async () => {
    const t = fakeTime();
    const pacer = new RequestPacer(undefined, 1, t.clock, t.sleep);
    for (let i = 0; i < 41; i++) await pacer.beforeCall(true);
    expect(t.now).toBeGreaterThanOrEqual(61_200);
    expect(t.now).toBeLessThan(62_000);
  });

  it("keeps all calls to 500 a minute and compresses windows with a time scale", async () => {
    const t = fakeTime();
    const pacer = new RequestPacer(undefined, 60, t.clock, t.sleep);
    for (let i = 0; i < 501; i++) await pacer.beforeCall(false);
    // 60× compressed: a minute lasts 1 s (1.02 s with the margin); 501 calls need just over that.
    expect(t.now).toBeGreaterThanOrEqual(1020);
    expect(t.now).toBeLessThan(1100);
  });
});
