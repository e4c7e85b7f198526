/** QuickBooks' published limits (developer.intuit.com "API call limits and throttles"). */
const QBO_LIMITS = {
  perRealmPerMinute: 500,
  perRealmAppPerSecond: 10,
  batchPerRealmAppPerMinute: 40,
  batchPerRealmPerMinute: 120,
} as const;

interface Window {
  key: string;
  limit: number;
  lengthMs: number;
}

/**
 * Sliding-window request counters. Windows are real (wall) time divided by the time scale, so a
 * benchmark can compress QuickBooks' minute into a fraction of a second; the sandbox clock that
 * tests move forward for token expiry does not touch them.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly timeScale: number,
    private readonly realNow: () => number = () => performance.now(),
  ) {}

  /** Records the call and returns true if it is within every limit; a refused call is not counted. */
  admit(input: { realmId: string; clientId: string; batch: boolean }): boolean {
    const now = this.realNow();
    const minute = 60_000 / this.timeScale;
    const second = 1_000 / this.timeScale;
    const windows: Window[] = [
      { key: `realm:${input.realmId}`, limit: QBO_LIMITS.perRealmPerMinute, lengthMs: minute },
      { key: `app-second:${input.realmId}:${input.clientId}`, limit: QBO_LIMITS.perRealmAppPerSecond, lengthMs: second },
    ];
    if (input.batch) {
      windows.push(
        { key: `batch-app:${input.realmId}:${input.clientId}`, limit: QBO_LIMITS.batchPerRealmAppPerMinute, lengthMs: minute },
        { key: `batch-realm:${input.realmId}`, limit: QBO_LIMITS.batchPerRealmPerMinute, lengthMs: minute },
      );
    }
    const logs = windows.map((w) => this.recent(w, now));
    if (windows.some((w, i) => logs[i].length >= w.limit)) return false;
    for (const log of logs) log.push(now);
    return true;
  }

  reset(): void {
    this.hits.clear();
  }

  private recent(window: Window, now: number): number[] {
    const log = this.hits.get(window.key) ?? [];
    let drop = 0;
    while (drop < log.length && log[drop] <= now - window.lengthMs) drop += 1;
    if (drop > 0) log.splice(0, drop);
    this.hits.set(window.key, log);
    return log;
  }
}
