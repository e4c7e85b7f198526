import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { adminApi } from "./platform/admin-api";
import { apiGateway, isApiPath } from "./platform/api-gateway";
import { AppDirectory, DEMO_APP, type AppRegistration } from "./platform/apps";
import { authorizePageHandler } from "./platform/authorize-pages";
import { BrowserSessions } from "./platform/browser-sessions";
import { companyPages } from "./platform/company-pages";
import type { RouteInput, SandboxContext } from "./platform/context";
import { FaultBoard } from "./platform/faults";
import { BodyTooLargeError, sendJson } from "./platform/http";
import { discoveryDocument, revokeEndpoint, tokenEndpoint, userInfoEndpoint } from "./platform/oauth-endpoints";
import { loadState, StateWriter } from "./platform/persistence";
import { RateLimiter } from "./platform/rate-limits";
import { TokenStore } from "./platform/tokens";
import { WebhookDispatcher } from "./platform/webhooks";

export { signWebhookPayload } from "./platform/webhook-payloads";

export interface SandboxOptions {
  /** 0 picks a free port. Default 4010. */
  port?: number;
  /** Host to listen on. Default 127.0.0.1. */
  host?: string;
  /** JSON file the state is kept in; without it the state lives in memory. */
  dataFile?: string;
  /** App registrations. Default: the demo app. */
  apps?: AppRegistration[];
  /** Above 1, compresses time for rate-limit windows and webhook retries (60 turns a minute into a second). */
  timeScale?: number;
  /** QuickBooks' rate limits. Default on. */
  limits?: boolean;
  /** Seconds a refresh token keeps working after a newer one was issued. Default 0, as at Intuit. */
  refreshGrace?: number;
  /** The base clock; the admin API's clock offset is added to it. Default: real time. */
  clock?: () => Date;
  /**
   * The rate limits' own clock in milliseconds (their windows are real time, not the sandbox
   * clock). Default: performance.now(); tests pass one they move forward themselves.
   */
  limitsClock?: () => number;
  /** The /_sandbox admin API. Default on unless NODE_ENV=production. */
  adminApi?: boolean;
}

export interface RunningSandbox {
  url: string;
  port: number;
  /** For tests that reach inside: the persisted state and the services over it. */
  context: SandboxContext;
  state: SandboxContext["state"];
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const timeScale = options.timeScale ?? 1;
  if (!(timeScale > 0)) throw new Error("timeScale must be a positive number");
  const baseClock = options.clock ?? (() => new Date());
  const state = loadState(options.dataFile);
  const now = () => new Date(baseClock().getTime() + state.clockOffsetMs);
  const apps = new AppDirectory(options.apps ?? [DEMO_APP]);
  const writer = new StateWriter(state, options.dataFile);
  const ctx: SandboxContext = {
    state,
    settings: {
      timeScale,
      limits: options.limits ?? true,
      refreshGraceSeconds: options.refreshGrace ?? 0,
      adminApi: options.adminApi ?? process.env.NODE_ENV !== "production",
    },
    apps,
    tokens: new TokenStore(state, options.refreshGrace ?? 0),
    limiter: new RateLimiter(timeScale, options.limitsClock),
    faults: new FaultBoard(),
    webhooks: new WebhookDispatcher(state, apps, timeScale, now, () => writer.scheduleSave()),
    writer,
    browser: new BrowserSessions(),
    now,
  };

  const server = createServer((req, res) => {
    void route(ctx, req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 4010, options.host ?? "127.0.0.1", () => resolve());
  });
  ctx.webhooks.resume();
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host && options.host !== "0.0.0.0" ? options.host : "127.0.0.1"}:${port}`;

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    context: ctx,
    state,
    close() {
      closing ??= new Promise<void>((resolve) => {
        ctx.webhooks.stop();
        server.close(() => resolve());
        // Hanging calls (injected faults) and keep-alive sockets would hold close() open.
        server.closeAllConnections();
      }).then(() => writer.saveNow());
      return closing;
    },
  };
}

async function route(ctx: SandboxContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
  const input: RouteInput = { ctx, req, res, url };
  const path = url.pathname;
  try {
    if (isApiPath(path)) return await apiGateway(input);
    if (path === "/oauth2/v1/tokens/bearer" && req.method === "POST") return await tokenEndpoint(input);
    if (path === "/v2/oauth2/tokens/revoke" && req.method === "POST") return await revokeEndpoint(input);
    if (path === "/v1/openid_connect/userinfo" && req.method === "GET") return userInfoEndpoint(input);
    if (path.startsWith("/.well-known/openid_") && req.method === "GET") return discoveryDocument(input);
    if (path === "/_sandbox" || path.startsWith("/_sandbox/")) return await adminApi(input);
    const authorizePage = authorizePageHandler(path, req.method);
    if (authorizePage) return await authorizePage(input);
    if (await companyPages(input)) return;
    if (path === "/" && req.method === "GET") {
      res.writeHead(303, { location: "/app" });
      return void res.end();
    }
    if (path === "/healthz") return sendJson(res, 200, { ok: true });
    if (path === "/favicon.ico") {
      res.writeHead(204);
      return void res.end();
    }
    sendJson(res, 404, { error: "not_found", path });
  } catch (error) {
    if (res.headersSent || res.destroyed) return void res.destroy();
    if (error instanceof BodyTooLargeError) return sendJson(res, 413, { error: error.message });
    console.error("sandbox: unexpected error", error);
    sendJson(res, 500, { error: "internal_error", message: (error as Error)?.message ?? String(error) });
  }
}
