import { randomUUID } from "node:crypto";
import type { EntityChange } from "../accounting";
import type { AppDirectory } from "./apps";
import type { SandboxState, WebhookDelivery } from "./state";
import { cloudEventsPayload, legacyPayload, signWebhookPayload } from "./webhook-payloads";

/**
 * Intuit's retry schedule after a failed delivery (10 s, 20 s, 30 s, 5 min, 20 min, 2 h, 4 h, 6 h,
 * then every 6 h), divided by the sandbox's time scale.
 */
const RETRY_DELAYS_SECONDS = [10, 20, 30, 300, 1200, 7200, 14400, 21600];
const LATER_RETRY_SECONDS = 21600;
/** Intuit expects the endpoint to acknowledge within 3 seconds. */
const ACK_TIMEOUT_MS = 3000;
/** Delivered notifications kept for GET /_sandbox/webhooks. */
const DELIVERED_KEPT = 1000;

export function retryDelayMs(failedAttempts: number, timeScale: number): number {
  const seconds = RETRY_DELAYS_SECONDS[failedAttempts - 1] ?? LATER_RETRY_SECONDS;
  return (seconds * 1000) / timeScale;
}

/**
 * Sends change notifications to each connected app's webhook URL: in order per app, the head of an
 * app's queue blocking the rest until it is acknowledged, as Intuit does. Runs beside the API, never
 * in its way: enqueue returns at once.
 */
export class WebhookDispatcher {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly sending = new Set<string>();
  private readonly aborts = new Set<AbortController>();
  private closed = false;

  constructor(
    private readonly state: SandboxState,
    private readonly apps: AppDirectory,
    private readonly timeScale: number,
    private readonly now: () => Date,
    private readonly onChange: () => void,
  ) {}

  /** Queue one notification per app for the changes one API call made. */
  enqueue(realmId: string, clientIds: string[], changes: EntityChange[]): void {
    if (changes.length === 0) return;
    const at = this.now();
    for (const clientId of clientIds) {
      const app = this.apps.get(clientId);
      if (!app?.webhookUrl || !app.webhookVerifier) continue;
      const batch = [{ realmId, changes, at }];
      const payload = app.webhookFormat === "legacy" ? legacyPayload(batch) : cloudEventsPayload(clientId, batch);
      const delivery: WebhookDelivery = {
        id: randomUUID(),
        clientId,
        realmIds: [realmId],
        url: app.webhookUrl,
        format: app.webhookFormat,
        payload,
        signature: signWebhookPayload(payload, app.webhookVerifier),
        createdAt: at.toISOString(),
        state: "pending",
        attempts: [],
      };
      this.state.webhooks.push(delivery);
      this.schedule(clientId, 0);
    }
    this.trimDelivered();
    this.onChange();
  }

  /** After a restart from the data file: pick up what was still pending. */
  resume(): void {
    const clientIds = new Set(this.state.webhooks.filter((d) => d.state === "pending").map((d) => d.clientId));
    for (const clientId of clientIds) this.schedule(clientId, 0);
  }

  log(filter: { clientId?: string; realmId?: string } = {}): WebhookDelivery[] {
    return this.state.webhooks.filter(
      (d) => (!filter.clientId || d.clientId === filter.clientId) && (!filter.realmId || d.realmIds.includes(filter.realmId)),
    );
  }

  /** Wait until nothing is pending (tests), or give up after timeoutMs. */
  async idle(timeoutMs = 5000): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (this.state.webhooks.some((d) => d.state === "pending")) {
      if (Date.now() > until) return false;
      await new Promise((r) => setTimeout(r, 10));
    }
    return true;
  }

  stop(): void {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const abort of this.aborts) abort.abort();
  }

  /** Forget every queued and delivered notification (admin reset). */
  clear(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.state.webhooks.length = 0;
  }

  private schedule(clientId: string, delayMs: number): void {
    if (this.closed || this.timers.has(clientId) || this.sending.has(clientId)) return;
    const timer = setTimeout(() => {
      this.timers.delete(clientId);
      void this.deliverNext(clientId);
    }, delayMs);
    this.timers.set(clientId, timer);
  }

  private async deliverNext(clientId: string): Promise<void> {
    const head = this.state.webhooks.find((d) => d.clientId === clientId && d.state === "pending");
    if (!head || this.closed) return;
    this.sending.add(clientId);
    const abort = new AbortController();
    this.aborts.add(abort);
    const timeout = setTimeout(() => abort.abort(), ACK_TIMEOUT_MS);
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(head.url, {
        method: "POST",
        headers: {
          "content-type": head.format === "cloudevents" ? "application/cloudevents+json" : "application/json",
          "intuit-signature": head.signature,
          "user-agent": "Intuit-Webhooks-Sandbox",
        },
        body: head.payload,
        signal: abort.signal,
      });
      status = response.status;
      await response.arrayBuffer().catch(() => undefined);
    } catch (cause) {
      error = abort.signal.aborted ? `no acknowledgement within ${ACK_TIMEOUT_MS} ms` : String((cause as Error)?.message ?? cause);
    } finally {
      clearTimeout(timeout);
      this.aborts.delete(abort);
      this.sending.delete(clientId);
    }
    if (this.closed) return;
    head.attempts.push({ at: this.now().toISOString(), status, error });
    const acknowledged = status !== null && status >= 200 && status < 300;
    if (acknowledged) head.state = "delivered";
    this.onChange();
    const more = this.state.webhooks.some((d) => d.clientId === clientId && d.state === "pending");
    if (more) this.schedule(clientId, acknowledged ? 0 : retryDelayMs(head.attempts.length, this.timeScale));
  }

  private trimDelivered(): void {
    const delivered = this.state.webhooks.filter((d) => d.state === "delivered").length;
    let excess = delivered - DELIVERED_KEPT;
    if (excess <= 0) return;
    for (let i = 0; i < this.state.webhooks.length && excess > 0; ) {
      if (this.state.webhooks[i].state === "delivered") {
        this.state.webhooks.splice(i, 1);
        excess -= 1;
      } else i += 1;
    }
  }
}
