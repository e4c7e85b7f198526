import { createServer } from "node:net";
import { MailDev } from "maildev";

/** What maildev's REST API (GET /api/email) answers per message (the fields tests read). */
interface CaughtEmail {
  id: string;
  subject: string;
  to: { address: string; name: string }[];
  html: string;
  text: string;
  headers: Record<string, string>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface TestMailCatcher {
  smtpUrl: string;
  emailsTo(address: string): Promise<CaughtEmail[]>;
  /** Waits until `address` has at least `count` emails (maildev receives asynchronously). */
  waitForEmails(address: string, count: number, timeoutMs?: number): Promise<CaughtEmail[]>;
  stop(): Promise<void>;
}

/** A real maildev on free localhost ports: tests read what SMTP delivered through its REST API. */
export async function startTestMailCatcher(): Promise<TestMailCatcher> {
  const smtp = await freePort();
  const web = await freePort();
  const maildev = new MailDev({ smtp, web, ip: "127.0.0.1", webIp: "127.0.0.1", silent: true });
  await maildev.start();
  const emailsTo = async (address: string) => {
    const all = (await (await fetch(`http://127.0.0.1:${web}/api/email`)).json()) as CaughtEmail[];
    return all.filter((m) => m.to.some((t) => t.address.toLowerCase() === address.toLowerCase()));
  };
  return {
    smtpUrl: `smtp://127.0.0.1:${smtp}`,
    emailsTo,
    async waitForEmails(address, count, timeoutMs = 15_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = await emailsTo(address);
        if (found.length >= count || Date.now() > until) return found;
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    stop: () => maildev.stop(),
  };
}
