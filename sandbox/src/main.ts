/**
 * `npm run sandbox`: the offline Intuit OAuth + QuickBooks Online API stand-in on SANDBOX_PORT
 * (default 4010). See sandbox/README.md for every variable.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { appRegistrationsSchema, DEMO_APP, type AppRegistration } from "./platform/apps";
import { startSandbox } from "./server";

const flag = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

const envSchema = z.object({
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(4010),
  SANDBOX_HOST: z.string().min(1).default("127.0.0.1"),
  SANDBOX_DATA_FILE: z.string().min(1).optional(),
  SANDBOX_APPS_FILE: z.string().min(1).optional(),
  SANDBOX_CLIENT_ID: z.string().min(1).default(DEMO_APP.clientId),
  SANDBOX_CLIENT_SECRET: z.string().min(1).default(DEMO_APP.clientSecret),
  SANDBOX_REDIRECT_URIS: z.string().min(1).default(DEMO_APP.redirectUris.join(",")),
  SANDBOX_WEBHOOK_URL: z.string().optional(),
  SANDBOX_WEBHOOK_VERIFIER: z.string().min(1).default(DEMO_APP.webhookVerifier!),
  SANDBOX_WEBHOOK_FORMAT: z.enum(["cloudevents", "legacy"]).default("cloudevents"),
  SANDBOX_TIME_SCALE: z.coerce.number().positive().default(1),
  SANDBOX_LIMITS: flag.default(true),
  SANDBOX_REFRESH_GRACE_SECONDS: z.coerce.number().min(0).default(0),
  SANDBOX_ADMIN_API: flag.optional(),
});

function fail(message: string): never {
  console.error(`sandbox: ${message}`);
  process.exit(1);
}

function readEnv(): z.output<typeof envSchema> {
  // Empty variables count as unset, so `SANDBOX_DATA_FILE=` in a .env file means "memory".
  const present = Object.fromEntries(Object.entries(process.env).filter(([key, value]) => key.startsWith("SANDBOX_") && value !== ""));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    fail(parsed.error.issues.map((i) => `${i.path.join(".")} is invalid: ${i.message}`).join("\n"));
  }
  return parsed.data;
}

function readApps(env: z.output<typeof envSchema>): AppRegistration[] {
  if (env.SANDBOX_APPS_FILE) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(env.SANDBOX_APPS_FILE, "utf8"));
    } catch (error) {
      fail(`SANDBOX_APPS_FILE ${env.SANDBOX_APPS_FILE} cannot be read as JSON: ${(error as Error).message}`);
    }
    const apps = appRegistrationsSchema.safeParse(raw);
    if (!apps.success) {
      fail(`SANDBOX_APPS_FILE ${env.SANDBOX_APPS_FILE} is not a list of app registrations: ${apps.error.issues.map((i) => `[${i.path.join(".")}] ${i.message}`).join("; ")}`);
    }
    return apps.data;
  }
  const app = {
    clientId: env.SANDBOX_CLIENT_ID,
    clientSecret: env.SANDBOX_CLIENT_SECRET,
    name: env.SANDBOX_CLIENT_ID === DEMO_APP.clientId ? DEMO_APP.name : env.SANDBOX_CLIENT_ID,
    redirectUris: env.SANDBOX_REDIRECT_URIS.split(",").map((u) => u.trim()).filter(Boolean),
    webhookUrl: process.env.SANDBOX_WEBHOOK_URL === "" ? undefined : (env.SANDBOX_WEBHOOK_URL ?? DEMO_APP.webhookUrl),
    webhookVerifier: env.SANDBOX_WEBHOOK_VERIFIER,
    webhookFormat: env.SANDBOX_WEBHOOK_FORMAT,
  };
  const parsed = appRegistrationsSchema.element.safeParse(app);
  if (!parsed.success) {
    const variable: Record<string, string> = { redirectUris: "SANDBOX_REDIRECT_URIS", webhookUrl: "SANDBOX_WEBHOOK_URL" };
    fail(parsed.error.issues.map((i) => `${variable[String(i.path[0])] ?? String(i.path[0])} is invalid: ${i.message}`).join("\n"));
  }
  return [parsed.data];
}

const env = readEnv();
const apps = readApps(env);
const sandbox = await startSandbox({
  port: env.SANDBOX_PORT,
  host: env.SANDBOX_HOST,
  dataFile: env.SANDBOX_DATA_FILE,
  apps,
  timeScale: env.SANDBOX_TIME_SCALE,
  limits: env.SANDBOX_LIMITS,
  refreshGrace: env.SANDBOX_REFRESH_GRACE_SECONDS,
  adminApi: env.SANDBOX_ADMIN_API,
}).catch((error: Error) => fail(`cannot start: ${error.message}`));

console.log(`QuickBooks sandbox listening on ${sandbox.url}`);
console.log(`  apps: ${apps.map((a) => a.clientId).join(", ")}; state: ${env.SANDBOX_DATA_FILE ?? "in memory"}`);
console.log(`  admin API: ${sandbox.context.settings.adminApi ? `${sandbox.url}/_sandbox` : "off"}`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void sandbox.close().then(() => process.exit(0));
  });
}
