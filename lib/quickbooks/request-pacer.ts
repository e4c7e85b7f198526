/**
 * Keeps one company's calls inside QuickBooks' limits before QuickBooks has to say 429: at most
 * 10 requests a second and 500 a minute, and at most 40 batch requests a minute. Sliding windows of
 * the times of recent calls, each a little longer than QuickBooks' own (PACER_MARGIN); a call that
 * would exceed one waits until the oldest leaves it.
 *
 * One pacer per company per process is enough because the schedule runs one sync per company at a
 * time (Inngest concurrency key = realm id). `timeScale` > 1 compresses the windows, for benchmarks
 * against a sandbox whose clock is compressed the same way.
 */
export interface PacerLimits {
  perSecond: number;
  perMinute: number;
  batchesPerMinute: number;
}

export const QBO_LIMITS: PacerLimits = { perSecond: 10, perMinute: 500, batchesPerMinute: 40 };

/**
 * How much longer than QuickBooks' windows the pacer's windows are, as a fraction of each window.
 * The pacer counts a call when it leaves; QuickBooks counts it when it arrives, inside a sliding
 * window. A call that travels slower than the one ten calls later (connection set-up, a busy
 * network, a token fetched on the way) lands them both in one QuickBooks second: the 11th call of a
 * burst met a 429 in every first sync of a small company. A fifth of a second absorbs that jitter
 * at 10 calls/s; the minute windows need proportionally much less.
 */
const PACER_MARGIN = { second: 0.2, minute: 0.02 };

export class RequestPacer {
  private readonly all: number[] = [];
  private readonly batches: number[] = [];

  constructor(
    private readonly limits: PacerLimits = QBO_LIMITS,
    private readonly timeScale = 1,
    private readonly clock: () => number = () => performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  /** Waits until a call (a batch call when `batch`) fits every window, then records it. */
  async beforeCall(batch: boolean): Promise<void> {
    const second = (1000 * (1 + PACER_MARGIN.second)) / this.timeScale;
    const minute = (60_000 * (1 + PACER_MARGIN.minute)) / this.timeScale;
    for (;;) {
      const now = this.clock();
      const wait = Math.max(
        RequestPacer.waitFor(this.all, now, second, this.limits.perSecond),
        RequestPacer.waitFor(this.all, now, minute, this.limits.perMinute),
        batch ? RequestPacer.waitFor(this.batches, now, minute, this.limits.batchesPerMinute) : 0,
      );
      if (wait <= 0) break;
      await this.sleep(wait);
    }
    const now = this.clock();
    this.all.push(now);
    if (batch) this.batches.push(now);
    RequestPacer.prune(this.all, now - minute);
    RequestPacer.prune(this.batches, now - minute);
  }

  /** How long until fewer than `limit` of the recorded times fall in the last `window` ms. */
  private static waitFor(times: number[], now: number, window: number, limit: number): number {
    const inWindow = times.filter((t) => t > now - window);
    if (inWindow.length < limit) return 0;
    return inWindow[inWindow.length - limit] + window - now + 1;
  }

  private static prune(times: number[], before: number): void {
    while (times.length > 0 && times[0] <= before) times.shift();
  }
}
