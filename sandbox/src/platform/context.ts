import type { IncomingMessage, ServerResponse } from "node:http";
import type { AppDirectory } from "./apps";
import type { BrowserSessions } from "./browser-sessions";
import type { FaultBoard } from "./faults";
import type { StateWriter } from "./persistence";
import type { RateLimiter } from "./rate-limits";
import type { SandboxState } from "./state";
import type { TokenStore } from "./tokens";
import type { WebhookDispatcher } from "./webhooks";

interface SandboxSettings {
  timeScale: number;
  limits: boolean;
  refreshGraceSeconds: number;
  adminApi: boolean;
}

/** Everything a route handler may use; one per running sandbox. */
export interface SandboxContext {
  state: SandboxState;
  settings: SandboxSettings;
  apps: AppDirectory;
  tokens: TokenStore;
  limiter: RateLimiter;
  faults: FaultBoard;
  webhooks: WebhookDispatcher;
  writer: StateWriter;
  browser: BrowserSessions;
  /** The sandbox clock: the real (or injected) clock plus the offset tests advance. */
  now(): Date;
}

export interface RouteInput {
  ctx: SandboxContext;
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
}
