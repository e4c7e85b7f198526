import "server-only";
import { z } from "zod";

/**
 * The one typed view of the process environment. Nothing else reads process.env
 * (tools that run before the app — the sandbox, drizzle-kit — have their own).
 *
 * Defaults exist only so the local demo works out of the box; with APP_ENV=production
 * every secret must be set explicitly and a missing one fails at start naming it.
 */
const DEV_ONLY_DEFAULTS = {
  AUTH_SECRET: "settlebooks-demo-auth-secret-change-me-0123456789",
  PROCESSOR_INGEST_SECRET: "settlebooks-demo-ingest-secret",
  // 32 bytes, base64: the demo's token-encryption key. Production supplies its own.
  TOKEN_ENCRYPTION_KEYS: "k1:ZGVtby10b2tlbi1lbmNyeXB0aW9uLWtleS0zMmJ5dGU=",
  QBO_CLIENT_ID: "settlebooks-demo-client",
  QBO_CLIENT_SECRET: "settlebooks-demo-secret",
  QBO_WEBHOOK_VERIFIER: "settlebooks-demo-verifier",
  // The demo's mail catcher (maildev, started by npm run demo); it may carry credentials elsewhere.
  SMTP_URL: "smtp://localhost:1025",
} as const;

const optionalUrl = z.preprocess((v) => (v === "" ? undefined : v), z.url().optional());

const baseSchema = z.object({
  APP_ENV: z.enum(["development", "test", "production"]).optional(),
  /** Set by Node tooling (`next start` sets "production"): then APP_ENV must be explicit. */
  NODE_ENV: z.string().optional(),
  /** The portal's port (`npm run demo`, `next start`); APP_URL follows it unless set. */
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Public URL of the portal; default http://localhost:<PORT>. */
  APP_URL: z.url().optional(),
  DATABASE_URL: optionalUrl,
  EMBEDDED_DB_DIR: z.string().min(1).default(".data/pglite"),
  EMBEDDED_DB_PORT: z.coerce.number().int().min(1).max(65535).default(5499),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  PROCESSOR_NAME: z.string().min(1).max(60).default("Maple Payments"),
  PROCESSOR_INGEST_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  TOKEN_ENCRYPTION_KEYS: z
    .string()
    .regex(/^[A-Za-z0-9_-]+:[A-Za-z0-9+/=]+(,[A-Za-z0-9_-]+:[A-Za-z0-9+/=]+)*$/, "must be a comma list of keyId:base64Key")
    .optional(),
  QBO_ENVIRONMENT: z.enum(["local", "sandbox", "production"]).default("local"),
  /** The local QuickBooks sandbox's port (`npm run demo` starts it there); QBO_LOCAL_URL follows it unless set. */
  SANDBOX_PORT: z.coerce.number().int().min(1).max(65535).default(4010),
  QBO_LOCAL_URL: z.url().optional(),
  QBO_CLIENT_ID: z.string().min(1).optional(),
  QBO_CLIENT_SECRET: z.string().min(1).optional(),
  QBO_WEBHOOK_VERIFIER: z.string().min(1).optional(),
  INNGEST_EVENT_KEY: z.string().min(1).optional(),
  INNGEST_SIGNING_KEY: z.string().min(1).optional(),
  INNGEST_BASE_URL: optionalUrl,
  /**
   * The portal's in-process schedule (local mode: no Inngest configured). `off` for tests and for
   * operators who drive syncs themselves; with Inngest configured, Inngest runs the schedule.
   */
  SYNC_SCHEDULE: z.enum(["on", "off"], { error: "must be on or off" }).default("on"),
  /** Where notification emails are handed over: smtp://user:pass@host:port (smtps:// for TLS). */
  SMTP_URL: z.string().regex(/^smtps?:\/\/\S+$/, "must look like smtp://host:port or smtps://user:pass@host:port").optional(),
  /** The sender of notification emails, e.g. "Maple Payments <notifications@example.com>". */
  MAIL_FROM: z.string().min(3).default("Settlebooks <notifications@settlebooks.localhost>"),
  /** maildev's own port variables: the demo's mail catcher listens there, and SMTP_URL defaults to it in development. */
  MAILDEV_SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(1025),
  MAILDEV_WEB_PORT: z.coerce.number().int().min(1).max(65535).default(1080),
  /**
   * Behind a reverse proxy: take the client address (sign-in throttling) from the last
   * X-Forwarded-For entry, which that proxy appends. Unset: the socket's address; a client's own
   * X-Forwarded-For is then ignored, or anyone could pick their address.
   */
  TRUST_PROXY: z
    .enum(["true", "false", "1", "0", ""], { error: "must be true or false" })
    .optional()
    .transform((v) => v === "true" || v === "1"),
});

type Raw = z.infer<typeof baseSchema>;
type Secrets = { -readonly [K in keyof typeof DEV_ONLY_DEFAULTS]: string };
/** URLs that default to localhost on the configured ports. */
type LocalUrls = { APP_URL: string; QBO_LOCAL_URL: string };
export type Env = Omit<Raw, keyof Secrets | keyof LocalUrls | "APP_ENV"> & Secrets & LocalUrls & { APP_ENV: NonNullable<Raw["APP_ENV"]> };

class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = baseSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
  }
  const raw = parsed.data;
  // Fail closed: a production build (`next start`) never falls back to "development" silently,
  // or a forgotten APP_ENV would run production on the published demo secrets.
  if (!raw.APP_ENV && raw.NODE_ENV === "production") {
    throw new EnvError(
      "Invalid environment:\n  APP_ENV: must be set explicitly when NODE_ENV=production (production, or development/test to run the demo build)",
    );
  }
  const appEnv = raw.APP_ENV ?? "development";
  const problems: string[] = [];
  const secrets = {} as Secrets;
  for (const key of Object.keys(DEV_ONLY_DEFAULTS) as (keyof Secrets)[]) {
    const value = raw[key];
    if (appEnv === "production" && !value) problems.push(`  ${key}: required when APP_ENV=production`);
    else if (appEnv === "production" && value === DEV_ONLY_DEFAULTS[key]) {
      problems.push(`  ${key}: is the published demo value; generate a secret of your own for production`);
    } else if (value) secrets[key] = value;
    // Development mail goes to the demo's catcher, on whatever port it was given.
    else if (key === "SMTP_URL") secrets[key] = `smtp://localhost:${raw.MAILDEV_SMTP_PORT}`;
    else secrets[key] = DEV_ONLY_DEFAULTS[key];
  }
  if (problems.length) throw new EnvError(`Invalid environment:\n${problems.join("\n")}`);
  const urls: LocalUrls = {
    APP_URL: raw.APP_URL ?? `http://localhost:${raw.PORT}`,
    QBO_LOCAL_URL: raw.QBO_LOCAL_URL ?? `http://localhost:${raw.SANDBOX_PORT}`,
  };
  return { ...raw, ...secrets, ...urls, APP_ENV: appEnv };
}

/**
 * Called once when the server process starts (instrumentation.ts), before it listens: an unsafe or
 * invalid environment stops the process with a non-zero exit naming the variable, instead of
 * serving requests that would each fail (or, worse, succeed on demo secrets).
 */
export function refuseToStartWithUnsafeEnvironment(
  source: Record<string, string | undefined> = process.env,
  exit: (code: number) => never = process.exit,
): void {
  try {
    parseEnv(source);
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(`Settlebooks refuses to start. ${error.message}`);
    exit(1);
  }
}

let cached: Env | undefined;

/** Parsed lazily: `next build` imports route modules without a runtime environment. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** For tests that need a different environment in-process. */
export function resetEnvForTests(): void {
  cached = undefined;
}
