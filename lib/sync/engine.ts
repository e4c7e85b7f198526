import { desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { businesses, qboConnections, qboMappingVersions } from "@/db/schema";
import { CARD_BRAND_NAMES } from "@/lib/accounting/labels";
import { env } from "@/lib/env";
import { notifyFailedItems, notifyMappingBroken, notifyRunSucceeded } from "@/lib/notify/causes";
import { businessDateOf } from "@/lib/processor/timezone";
import { QboApi, type FailedCall } from "@/lib/quickbooks/api-client";
import { qboEndpoints } from "@/lib/quickbooks/endpoints";
import { markNeedsReauthorization } from "@/lib/quickbooks/connection/needs-reauthorization";
import { checkMappingHealth, type BrokenMapping } from "@/lib/quickbooks/mapping/mapping-health";
import { recordMappingHealth, resultOf as healthResultOf } from "@/lib/quickbooks/mapping/mapping-health-cache";
import { QBO_LIMITS, RequestPacer } from "@/lib/quickbooks/request-pacer";
import { QboAuthError } from "@/lib/quickbooks/errors";
import { InvalidGrantError } from "@/lib/quickbooks/oauth-client";
import { accessTokenFor, type Refresher } from "@/lib/quickbooks/token-store";
import { addDays, type IsoDate } from "./dates";
import { buildDepositDocuments, buildFeeDocuments, buildReceiptDocuments, type DocumentContext } from "./documents";
import { planItems } from "./item-planner";
import { postDocuments, type PosterDeps, type PostingOutcome } from "./poster";
import { paymentMethodIds, serviceItemId, taxCodeRates, undepositedFundsAccountId } from "./references";
import { withRetries } from "@/lib/quickbooks/retry";
import { claimRun, finishRun, heartbeat, type RunTrigger } from "./run-lock";

export interface SyncOptions {
  connectionId: string;
  /** Last business date to post; defaults to (and is capped at) the last ended business day. */
  through?: IsoDate;
  trigger: RunTrigger;
}

export interface SyncDeps {
  db: Db;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** Per-call timeout of QuickBooks requests. */
  timeoutMs?: number;
  /** Replaces the Intuit refresh (tests). */
  refresh?: Refresher;
  /** Replaces fetch for QuickBooks API calls (tests simulate crashes with it). */
  fetchImpl?: typeof fetch;
  /** Compresses the pacer's windows (benchmarks against a time-compressed sandbox). */
  limitsTimeScale?: number;
  retry?: Partial<PosterDeps["retry"]>;
}

export interface SyncSummary {
  status: "succeeded" | "partly_failed" | "stopped" | "failed" | "already_running" | "not_active";
  connectionId: string;
  through: IsoDate | null;
  documentsCreated: Record<string, number>;
  adopted: number;
  itemsFailed: number;
  depositsTiedOut: number;
  depositsWaiting: number;
  qboCalls: number;
  /** Calls QuickBooks answered 429 (the pacer should keep this near zero). */
  throttledCalls: number;
  durationMs: number;
  message?: string;
  /** When a run was stopped by the mapping health check: which mapping is broken and how to fix it. */
  brokenMapping?: BrokenMapping[];
}

/** Stops a run cleanly (authorization gone, broken mapping): recorded on the run, not thrown further. */
class StopRun extends Error {
  constructor(
    message: string,
    readonly brokenMapping: BrokenMapping[] = [],
  ) {
    super(message);
  }
}

const MAX_FAILED_CALLS_KEPT = 50;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The one entry point that brings a connection's QuickBooks company up to date through a business
 * date: what the daily schedule, "Sync now", the CLI and support call. Idempotent: running it again
 * (or concurrently, or after a crash) never posts anything twice.
 *
 * plan (sync items for new records) → receipts → deposits whose receipts are all settled → fees
 * debited on their own → record the run.
 */
export async function syncConnection(deps: SyncDeps, options: SyncOptions): Promise<SyncSummary> {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const started = Date.now();
  const empty = (status: SyncSummary["status"], through: IsoDate | null, message?: string): SyncSummary => ({
    status,
    connectionId: options.connectionId,
    through,
    documentsCreated: {},
    adopted: 0,
    itemsFailed: 0,
    depositsTiedOut: 0,
    depositsWaiting: 0,
    qboCalls: 0,
    throttledCalls: 0,
    durationMs: Date.now() - started,
    message,
  });

  const [row] = await db
    .select({ connection: qboConnections, business: businesses })
    .from(qboConnections)
    .innerJoin(businesses, eq(businesses.id, qboConnections.businessId))
    .where(eq(qboConnections.id, options.connectionId));
  if (!row) throw new Error(`No QuickBooks connection ${options.connectionId}.`);
  const { connection, business } = row;
  if (connection.status !== "active" || !connection.realmId || !connection.connectedOn || !connection.setupCompletedAt) {
    return empty("not_active", null, `The connection is ${connection.status.replace(/_/g, " ")}; nothing was sent.`);
  }
  const lastEndedDay = addDays(businessDateOf(now(), business.timezone), -1);
  const through = options.through && options.through < lastEndedDay ? options.through : lastEndedDay;

  // The lease is about live processes: real time, not the business clock.
  const runId = await claimRun(db, connection.id, options.trigger, through);
  if (!runId) return empty("already_running", through, "Another sync of this connection is running.");

  // The last token handed out: when QuickBooks refuses it, that is the one to replace.
  let lastToken: string | undefined;
  // Failed calls with their intuit_tid, kept on the run for support (the first ones: a stuck run repeats itself).
  const failedCalls: FailedCall[] = [];
  const api = new QboApi({
    baseUrl: qboEndpoints(env()).api,
    realmId: connection.realmId,
    accessToken: async () => (lastToken = await accessTokenFor(db, connection.id, { refresh: deps.refresh })),
    timeoutMs: deps.timeoutMs ?? 30_000,
    fetchImpl: deps.fetchImpl,
    pacer: new RequestPacer(QBO_LIMITS, deps.limitsTimeScale ?? 1),
    onFailedCall: (call) => {
      if (failedCalls.length < MAX_FAILED_CALLS_KEPT) failedCalls.push(call);
    },
  });
  const needsReauthorization = (reason: string) => markNeedsReauthorization(db, { connectionId: connection.id, source: "sync_run", reason });
  let throttledCalls = 0;
  const posterDeps: PosterDeps = {
    db,
    onThrottled: () => (throttledCalls += 1),
    api,
    sleep: deps.sleep ?? realSleep,
    heartbeat: () => heartbeat(db, runId),
    retry: { serverAttempts: 4, baseDelayMs: 500, maxThrottleWaits: 20, ...deps.retry },
    async onAuthFailure() {
      try {
        await accessTokenFor(db, connection.id, { rejected: lastToken, refresh: deps.refresh });
      } catch (error) {
        if (error instanceof InvalidGrantError) {
          await needsReauthorization(error.message);
          throw new StopRun("QuickBooks no longer accepts this connection: the owner must reauthorize it.");
        }
        throw error;
      }
    },
  };

  const totals: PostingOutcome = { created: {}, adopted: 0, failed: 0 };
  const add = (o: PostingOutcome) => {
    for (const [k, v] of Object.entries(o.created)) totals.created[k] = (totals.created[k] ?? 0) + v;
    totals.adopted += o.adopted;
    totals.failed += o.failed;
  };
  let depositsWaiting = 0;
  let depositsTiedOut = 0;
  try {
    const [mapping] = await db
      .select()
      .from(qboMappingVersions)
      .where(eq(qboMappingVersions.connectionId, connection.id))
      .orderBy(desc(qboMappingVersions.version))
      .limit(1);
    if (!mapping) throw new StopRun("The connection has no mapping yet: finish the setup first.");

    // A broken mapping would fail every item: stop with one clear message instead.
    const broken = await withRetries(posterDeps, () => checkMappingHealth(api, mapping));
    // The Manage tab shows this result instead of asking QuickBooks again.
    await recordMappingHealth(db, connection.id, mapping.version, healthResultOf(broken));
    if (broken.length > 0) throw new StopRun(`The mapping needs attention: ${broken.map((b) => b.fix).join(" ")}`, broken);

    await planItems(db, connection.id, business.id, through);

    const context = await withRetries(posterDeps, () => resolveContext(db, api, connection, mapping));

    const receipts = await buildReceiptDocuments(db, context, through);
    add(await postDocuments(posterDeps, receipts));

    const deposits = await buildDepositDocuments(db, context, through);
    depositsWaiting = deposits.waiting;
    add(await postDocuments(posterDeps, deposits));
    depositsTiedOut = await countTiedOut(db, connection.id, deposits.documents.map((d) => d.itemId));

    add(await postDocuments(posterDeps, await buildFeeDocuments(db, context, through)));

    const status = totals.failed > 0 ? "partly_failed" : "succeeded";
    const summary = { ...empty(status, through), ...summaryOf(totals), depositsTiedOut, depositsWaiting, qboCalls: api.calls, throttledCalls, durationMs: Date.now() - started };
    await finishRun(db, runId, { status, summary, failedCalls });
    await db.update(qboConnections).set({ lastSuccessfulSyncAt: now() }).where(eq(qboConnections.id, connection.id));
    await notifyRunSucceeded(db, connection, { runId });
    if (totals.failed > 0) await notifyFailedItems(db, connection, now());
    return summary;
  } catch (error) {
    const stopped = error instanceof StopRun;
    if (error instanceof QboAuthError) await needsReauthorization(error.message);
    const message = error instanceof Error ? error.message : String(error);
    const status = stopped ? "stopped" : "failed";
    const summary = {
      ...empty(status, through, message),
      ...summaryOf(totals),
      ...(stopped && error.brokenMapping.length > 0 ? { brokenMapping: error.brokenMapping } : {}),
      depositsTiedOut,
      depositsWaiting,
      qboCalls: api.calls,
      throttledCalls,
      durationMs: Date.now() - started,
    };
    await finishRun(db, runId, { status, summary, message, failedCalls });
    if (stopped) await notifyMappingBroken(db, connection, error.brokenMapping);
    if (stopped || error instanceof QboAuthError) return summary;
    throw Object.assign(error as Error, { summary });
  }
}

function summaryOf(totals: PostingOutcome) {
  return { documentsCreated: totals.created, adopted: totals.adopted, itemsFailed: totals.failed };
}

async function resolveContext(
  db: Db,
  api: QboApi,
  connection: typeof qboConnections.$inferSelect,
  mapping: typeof qboMappingVersions.$inferSelect,
): Promise<DocumentContext> {
  const brands = Object.keys(CARD_BRAND_NAMES) as (keyof typeof CARD_BRAND_NAMES)[];
  return {
    connectionId: connection.id,
    businessId: connection.businessId,
    mappingVersion: mapping.version,
    posting: {
      company: { usesUsSalesTax: connection.usesUsSalesTax ?? connection.companyCountry === "US", automatedSalesTax: connection.automatedSalesTax ?? false },
      mapping: {
        bankAccountId: mapping.bankAccountId,
        revenueAccountId: mapping.revenueAccountId,
        expenseAccountId: mapping.expenseAccountId,
        customerId: mapping.customerId,
        taxCodeId: mapping.taxCodeId,
      },
      serviceItemId: await serviceItemId(db, api, connection.id, { id: mapping.revenueAccountId, name: mapping.revenueAccountName }, env().PROCESSOR_NAME),
      paymentMethodIds: Object.fromEntries(await paymentMethodIds(db, api, connection.id, brands)),
      undepositedFundsAccountId: await undepositedFundsAccountId(db, api, connection.id),
      taxRate: await taxCodeRates(api, mapping.taxCodeId),
    },
  };
}

async function countTiedOut(db: Db, connectionId: string, itemIds: string[]): Promise<number> {
  if (itemIds.length === 0) return 0;
  const [row] = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from sync_items s join settlement_deposits d on d.id = s.record_id
    where s.connection_id = ${connectionId} and s.status = 'posted' and s.qbo_total_minor = d.amount_minor
      and s.id in (${sql.join(itemIds.map((id) => sql`${id}::uuid`), sql`, `)})`);
  return Number(row?.n ?? 0);
}
