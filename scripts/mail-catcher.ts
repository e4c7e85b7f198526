import { spawn, type ChildProcess } from "node:child_process";
import type { Env } from "@/lib/env";

export interface MailCatcher {
  child: ChildProcess;
  smtpUrl: string;
  inboxUrl: string;
}

/**
 * The demo's mail catcher: maildev, listening on localhost only, SMTP on MAILDEV_SMTP_PORT (1025)
 * and its web inbox and REST API (/api/email) on MAILDEV_WEB_PORT (1080). In development the
 * portal's and `npm run sync`'s SMTP_URL default to it, so every notification email lands there.
 */
export function startMailCatcher(e: Pick<Env, "MAILDEV_SMTP_PORT" | "MAILDEV_WEB_PORT">): MailCatcher {
  const child = spawn(
    "node_modules/.bin/maildev",
    ["--smtp", String(e.MAILDEV_SMTP_PORT), "--web", String(e.MAILDEV_WEB_PORT), "--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "--silent"],
    { stdio: "inherit" },
  );
  return { child, smtpUrl: `smtp://localhost:${e.MAILDEV_SMTP_PORT}`, inboxUrl: `http://localhost:${e.MAILDEV_WEB_PORT}` };
}
