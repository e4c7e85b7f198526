import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { Cron } from "croner";
import type { Db } from "@/db/client";
import { checkScheduledCauses } from "@/lib/notify/causes";
import type { Refresher } from "@/lib/quickbooks/token-store";
import { syncConnection, type SyncDeps, type SyncSummary } from "./engine";
import { FAN_OUT_CRON, KEEP_ALIVE_CRON, NOTIFICATION_CAUSES_CRON, fanOutDueConnections, keepTokensAlive, runDirectly } from "./scheduled-jobs";
import { claimTick, finishTick } from "./schedule-ticks";

export type ScheduledJob = "fan-out" | "keep-alive" | "notification-causes";
const SCHEDULED_JOBS: Record<ScheduledJob, string> = {
  "fan-out": FAN_OUT_CRON,
  "keep-alive": KEEP_ALIVE_CRON,
  "notification-causes": NOTIFICATION_CAUSES_CRON,
};

/** The catch-up tick runs this long after start (well within a minute; the server is up by then). */
const CATCH_UP_DELAY_MS = 15_000;
/** A cron timer may fire a little before or after its instant: a tick is the latest instant up to this past "now". */
const FIRING_TOLERANCE_MS = 1_000;

export interface LocalScheduleDeps {
  db: () => Db;
  /** "Now" for deciding the tick and what is due (tests inject a clock). */
  now?: () => Date;
  /** Engine dependencies besides the database (tests: the same fixed clock, no sleeping). */
  sync?: Omit<SyncDeps, "db">;
  /** Replaces the Intuit refresh of the keep-alive (tests). */
  refresh?: Refresher;
  catchUpDelayMs?: number;
  /** Names this process in its tick claims. */
  processId?: string;
}

export interface TickOutcome {
  job: ScheduledJob;
  tick: Date;
  /** False when another process (or an earlier run of this one) had already claimed the tick. */
  ran: boolean;
  result?: unknown;
  error?: string;
}

/** The instant of the job's latest scheduled tick at `now` (UTC cron, like Inngest's). */
export function latestTick(job: ScheduledJob, now: Date): Date {
  const [tick] = new Cron(SCHEDULED_JOBS[job], {
    timezone: "UTC",
    paused: true,
  }).previousRuns(1, new Date(now.getTime() + FIRING_TOLERANCE_MS));
  return tick;
}

/** The instant of the job's next scheduled tick after `now`. */
export function nextTick(job: ScheduledJob, now: Date): Date {
  return new Cron(SCHEDULED_JOBS[job], {
    timezone: "UTC",
    paused: true,
  }).nextRun(now) as Date;
}

/**
 * The schedule of the local mode (no Inngest configured), run inside the portal process: the same
 * two jobs as the Inngest functions (scheduled-jobs.ts) on the same crons, fired by croner. Every
 * tick is claimed in the database first (schedule-ticks.ts), so several portal processes on one
 * database run each tick once. A catch-up tick shortly after start runs the latest tick of each
 * job if nobody ran it, so a day that ended while the portal was down is not left to the next hour.
 */
export class LocalSchedule {
  private readonly crons: Cron[] = [];
  private catchUpTimer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<Promise<unknown>>();
  private stopped = false;
  readonly processId: string;

  constructor(private readonly deps: LocalScheduleDeps) {
    this.processId = deps.processId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  start(): void {
    if (this.stopped || this.crons.length > 0) return;
    for (const job of Object.keys(SCHEDULED_JOBS) as ScheduledJob[]) {
      // protect: a tick still running when the next fires is not started twice in this process.
      this.crons.push(
        new Cron(SCHEDULED_JOBS[job], { timezone: "UTC", protect: true }, async () => {
          await this.track(this.runLatest(job));
        }),
      );
    }
    this.catchUpTimer = setTimeout(() => void this.track(this.catchUp()), this.deps.catchUpDelayMs ?? CATCH_UP_DELAY_MS);
    this.catchUpTimer.unref();
  }

  /** Stops firing; resolves once the ticks already running have finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const cron of this.crons) cron.stop();
    this.crons.length = 0;
    clearTimeout(this.catchUpTimer);
    await Promise.allSettled([...this.inFlight]);
  }

  /** The latest tick of every job, unless someone ran it already. */
  async catchUp(): Promise<TickOutcome[]> {
    const outcomes: TickOutcome[] = [];
    for (const job of Object.keys(SCHEDULED_JOBS) as ScheduledJob[]) outcomes.push(await this.runLatest(job));
    return outcomes;
  }

  runLatest(job: ScheduledJob): Promise<TickOutcome> {
    return this.runTick(job, latestTick(job, this.now()));
  }

  /** Claims the tick and, if this process won it, runs the job and records its outcome. */
  async runTick(job: ScheduledJob, tick: Date): Promise<TickOutcome> {
    const db = this.deps.db();
    if (
      this.stopped ||
      !(await claimTick(db, {
        job,
        tick,
        claimedBy: this.processId,
        now: this.now(),
      }))
    )
      return { job, tick, ran: false };
    try {
      const result = job === "fan-out" ? await this.fanOut() : job === "keep-alive" ? await this.keepAlive() : await checkScheduledCauses(db, this.now());
      await finishTick(db, {
        job,
        tick,
        claimedBy: this.processId,
        now: this.now(),
        outcome: JSON.stringify(result),
      });
      return { job, tick, ran: true, result };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`scheduled ${job} tick ${tick.toISOString()} failed: ${message}`);
      await finishTick(db, {
        job,
        tick,
        claimedBy: this.processId,
        now: this.now(),
        outcome: `failed: ${message}`,
      }).catch(() => {});
      return { job, tick, ran: true, error: message };
    }
  }

  /** The due connections, synced one after another in this process (Inngest would spread them over workers). */
  private async fanOut() {
    const summaries: Pick<SyncSummary, "connectionId" | "status" | "through">[] = [];
    const totals = await fanOutDueConnections({
      db: this.deps.db,
      now: this.now(),
      step: runDirectly,
      dispatch: async (connections) => {
        for (const c of connections) {
          if (this.stopped) return;
          summaries.push(await this.syncOne(c.connectionId, c.through));
        }
      },
    });
    return { ...totals, runs: summaries };
  }

  private async syncOne(connectionId: string, through: string): Promise<Pick<SyncSummary, "connectionId" | "status" | "through">> {
    try {
      const summary = await syncConnection({ now: () => this.now(), ...this.deps.sync, db: this.deps.db() }, { connectionId, trigger: "schedule", through });
      return { connectionId, status: summary.status, through: summary.through };
    } catch (error) {
      // The engine recorded the failed run for the owner; the schedule moves on to the next connection.
      const summary = (error as { summary?: SyncSummary }).summary;
      return {
        connectionId,
        status: summary?.status ?? "failed",
        through: summary?.through ?? through,
      };
    }
  }

  private keepAlive() {
    return keepTokensAlive({
      db: this.deps.db,
      now: this.now(),
      step: runDirectly,
      refresh: this.deps.refresh,
    });
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work)).catch(() => {});
    return work;
  }
}
