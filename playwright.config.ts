import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const SANDBOX_PORT = Number(process.env.E2E_SANDBOX_PORT ?? 4110);
export const baseURL = `http://localhost:${PORT}`;
// The notification emails' catcher (maildev): its own ports, never the demo's 1025/1080.
const MAIL_SMTP_PORT = Number(process.env.MAILDEV_SMTP_PORT ?? 1125);
const MAIL_WEB_PORT = Number(process.env.MAILDEV_WEB_PORT ?? 1180);

/**
 * Browser tests in Debian's Chromium against the built portal (`next build` runs before them in
 * the test command), a fresh database on the real PostgreSQL, and the QuickBooks sandbox.
 */
export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
  webServer: [
    {
      command: `node_modules/.bin/tsx sandbox/src/main.ts`,
      // Any answer means it is up (the userinfo endpoint answers 401 without a token).
      url: `http://localhost:${SANDBOX_PORT}/v1/openid_connect/userinfo`,
      // Limits off: the showcase's month of daily syncs is posted while the app starts (as `npm run demo` does).
      env: {
        SANDBOX_PORT: String(SANDBOX_PORT),
        SANDBOX_REDIRECT_URIS: `${baseURL}/api/quickbooks/callback`,
        SANDBOX_WEBHOOK_URL: `${baseURL}/api/quickbooks/webhooks`,
        SANDBOX_LIMITS: "false",
        NODE_ENV: "test",
      },
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `node_modules/.bin/maildev --smtp ${MAIL_SMTP_PORT} --web ${MAIL_WEB_PORT} --ip 127.0.0.1 --web-ip 127.0.0.1 --silent`,
      url: `http://127.0.0.1:${MAIL_WEB_PORT}/api/email`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `node_modules/.bin/tsx --import ./scripts/server-only-hook.mjs e2e/support/start-app.ts`,
      url: `${baseURL}/signin`,
      env: { E2E_PORT: String(PORT), APP_URL: baseURL, QBO_LOCAL_URL: `http://localhost:${SANDBOX_PORT}`, APP_ENV: "test", SMTP_URL: `smtp://127.0.0.1:${MAIL_SMTP_PORT}` },
      reuseExistingServer: false,
      timeout: 300_000,
      stdout: "pipe",
    },
  ],
});
