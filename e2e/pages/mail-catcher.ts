/** The e2e harness's maildev (playwright.config.ts), read through its REST API. */
export const MAIL_API = `http://127.0.0.1:${process.env.MAILDEV_WEB_PORT ?? 1180}/api/email`;

export interface CaughtEmail {
  subject: string;
  to: { address: string }[];
  html: string;
  text: string;
}

export async function emailsTo(address: string): Promise<CaughtEmail[]> {
  const all = (await (await fetch(MAIL_API)).json()) as CaughtEmail[];
  return all.filter((m) => m.to.some((t) => t.address.toLowerCase() === address.toLowerCase()));
}

/** Waits for `address` to have at least `count` emails (delivery runs in the app's background). */
export async function waitForEmails(address: string, count: number, timeoutMs = 20_000): Promise<CaughtEmail[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = await emailsTo(address);
    if (found.length >= count || Date.now() > until) return found;
    await new Promise((r) => setTimeout(r, 250));
  }
}
