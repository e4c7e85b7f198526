import { readFileSync } from "node:fs";
import { z } from "zod";
import { appRegistrationSchema, appRegistrationsSchema, DEMO_APP, type RegisteredApp } from "./apps";

/** A configuration problem, worded for the person starting the sandbox (it names the variable). */
export class SandboxConfigError extends Error {}

const flag = z.enum(["true", "false", "1", "0"], { error: "must be true or false" }).transform((v) => v === "true" || v === "1");

const envSchema = z.object({
  SANDBOX_PORT: z.coerce.number({ error: "must be a port number" }).int().min(0).max(65535).default(4010),
  SANDBOX_HOST: z.string().min(1).default("127.0.0.1"),
  SANDBOX_DATA_FILE: z.string().min(1).optional(),
  SANDBOX_APPS_FILE: z.string().min(1).optional(),
  SANDBOX_CLIENT_ID: z.string().min(1).default(DEMO_APP.clientId),
  SANDBOX_CLIENT_SECRET: z.string().min(1).default(DEMO_APP.clientSecret),
  SANDBOX_REDIRECT_URIS: z.string().min(1).default(DEMO_APP.redirectUris.join(",")),
  SANDBOX_WEBHOOK_URL: z.string().optional(),
  SANDBOX_WEBHOOK_VERIFIER: z.string().min(1).default(DEMO_APP.webhookVerifier!),
  SANDBOX_WEBHOOK_FORMAT: z.enum(["cloudevents", "legacy"], { error: "must be cloudevents or legacy" }).default("cloudevents"),
  SANDBOX_TIME_SCALE: z.coerce.number({ error: "must be a number" }).positive().default(1),
  SANDBOX_LIMITS: flag.default(true),
  SANDBOX_REFRESH_GRACE_SECONDS: z.coerce.number({ error: "must be a number of seconds" }).min(0).default(0),
  SANDBOX_ADMIN_API: flag.optional(),
});

export interface SandboxCliConfig {
  port: number;
  host: string;
  dataFile: string | undefined;
  apps: RegisteredApp[];
  timeScale: number;
  limits: boolean;
  refreshGrace: number;
  adminApi: boolean | undefined;
}

/** Options of `npm run sandbox` from its environment (see sandbox/README.md). */
export function sandboxConfigFromEnv(env: Record<string, string | undefined>, readFile: (path: string) => string = (p) => readFileSync(p, "utf8")): SandboxCliConfig {
  // Empty variables count as unset, so `SANDBOX_DATA_FILE=` in a .env file means "memory".
  const present = Object.fromEntries(Object.entries(env).filter(([key, value]) => key.startsWith("SANDBOX_") && value !== ""));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new SandboxConfigError(parsed.error.issues.map((i) => `${i.path.join(".")} is invalid: ${i.message}`).join("\n"));
  }
  const vars = parsed.data;
  return {
    port: vars.SANDBOX_PORT,
    host: vars.SANDBOX_HOST,
    dataFile: vars.SANDBOX_DATA_FILE,
    apps: vars.SANDBOX_APPS_FILE ? appsFromFile(vars.SANDBOX_APPS_FILE, readFile) : [appFromVariables(vars, env.SANDBOX_WEBHOOK_URL === "")],
    timeScale: vars.SANDBOX_TIME_SCALE,
    limits: vars.SANDBOX_LIMITS,
    refreshGrace: vars.SANDBOX_REFRESH_GRACE_SECONDS,
    adminApi: vars.SANDBOX_ADMIN_API,
  };
}

function appsFromFile(path: string, readFile: (path: string) => string): RegisteredApp[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFile(path));
  } catch (error) {
    throw new SandboxConfigError(`SANDBOX_APPS_FILE ${path} cannot be read as JSON: ${(error as Error).message}`);
  }
  const apps = appRegistrationsSchema.safeParse(raw);
  if (!apps.success) {
    const problems = apps.error.issues.map((i) => `[${i.path.join(".")}] ${i.message}`).join("; ");
    throw new SandboxConfigError(`SANDBOX_APPS_FILE ${path} is not a list of app registrations: ${problems}`);
  }
  return apps.data;
}

const VARIABLE_OF_FIELD: Record<string, string> = {
  clientId: "SANDBOX_CLIENT_ID",
  clientSecret: "SANDBOX_CLIENT_SECRET",
  redirectUris: "SANDBOX_REDIRECT_URIS",
  webhookUrl: "SANDBOX_WEBHOOK_URL",
  webhookVerifier: "SANDBOX_WEBHOOK_VERIFIER",
};

function appFromVariables(vars: z.output<typeof envSchema>, noWebhook: boolean): RegisteredApp {
  const app = appRegistrationSchema.safeParse({
    clientId: vars.SANDBOX_CLIENT_ID,
    clientSecret: vars.SANDBOX_CLIENT_SECRET,
    name: vars.SANDBOX_CLIENT_ID === DEMO_APP.clientId ? DEMO_APP.name : vars.SANDBOX_CLIENT_ID,
    redirectUris: vars.SANDBOX_REDIRECT_URIS.split(",").map((u) => u.trim()).filter(Boolean),
    webhookUrl: noWebhook ? undefined : (vars.SANDBOX_WEBHOOK_URL ?? DEMO_APP.webhookUrl),
    webhookVerifier: vars.SANDBOX_WEBHOOK_VERIFIER,
    webhookFormat: vars.SANDBOX_WEBHOOK_FORMAT,
  });
  if (!app.success) {
    throw new SandboxConfigError(app.error.issues.map((i) => `${VARIABLE_OF_FIELD[String(i.path[0])] ?? String(i.path[0])} is invalid: ${i.message}`).join("\n"));
  }
  return app.data;
}
