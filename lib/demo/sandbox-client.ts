import { z } from "zod";

/**
 * The demo's side of the local QuickBooks sandbox, over HTTP only (lib/ shares no code with
 * sandbox/): its admin API (/_sandbox, for the sandbox user, the company and the accountant's
 * closing date) and its Intuit authorize pages, driven with plain form posts as a browser without
 * JavaScript would, so the showcase connects through the same OAuth round trip as an owner does.
 */
export class SandboxClient {
  constructor(readonly baseUrl: string) {}

  private url(path: string): string {
    return `${this.baseUrl.replace(/\/$/, "")}${path}`;
  }

  async admin<T>(method: "GET" | "POST" | "DELETE", path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
    const response = await fetch(this.url(`/_sandbox${path}`), {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new SandboxError(response.status, `The QuickBooks sandbox refused ${method} /_sandbox${path} (${response.status}): ${text.slice(0, 300)}`);
    const parsed = schema.safeParse(text ? JSON.parse(text) : undefined);
    if (!parsed.success) throw new Error(`The QuickBooks sandbox answered ${method} /_sandbox${path} unexpectedly: ${parsed.error.message}`);
    return parsed.data;
  }

  /** A sandbox (Intuit) user; an existing one with that e-mail is kept as it is. */
  async ensureUser(user: { email: string; password: string; name: string }): Promise<void> {
    try {
      await this.admin("POST", "/users", z.unknown(), user);
    } catch (error) {
      if (!(error instanceof SandboxError && error.status === 409)) throw error;
    }
  }

  async createCompany(company: { name: string; country: "CA" | "US"; region: string; ownerEmail: string }): Promise<string> {
    const { realmId } = await this.admin("POST", "/companies", z.object({ realmId: z.string().min(1) }), company);
    return realmId;
  }

  async companyExists(realmId: string): Promise<boolean> {
    try {
      await this.admin("GET", `/companies/${encodeURIComponent(realmId)}`, z.object({ realmId: z.string() }));
      return true;
    } catch (error) {
      if (error instanceof SandboxError && error.status === 404) return false;
      throw error;
    }
  }

  /** QuickBooks' closing date: transactions dated before `before` are refused (null reopens the books). */
  async closeBooks(realmId: string, before: string | null): Promise<void> {
    await this.admin("POST", `/companies/${encodeURIComponent(realmId)}/faults`, z.unknown(), { kind: "closeBooks", before });
  }

  /**
   * Signs in on the authorize page, picks the company and presses Connect; returns the query of the
   * redirect to the app's callback (code, state, realmId), exactly what the browser would bring back.
   */
  async authorize(authorizeUrl: string, input: { email: string; password: string; realmId: string }): Promise<URLSearchParams> {
    const start = await fetch(authorizeUrl, { redirect: "manual" });
    if (start.status !== 200) throw new Error(`The sandbox's authorize page answered ${start.status}.`);
    const flow = /name="flow" value="([^"]+)"/.exec(await start.text())?.[1];
    if (!flow) throw new Error("The sandbox's authorize page has no flow field.");
    await this.step("/connect/oauth2/signin", { flow, email: input.email, password: input.password }, 303);
    const chosen = await this.step("/connect/oauth2/company", { flow, realmId: input.realmId }, 303);
    const consentPage = await fetch(this.url(chosen.headers.get("location") ?? "/"), { redirect: "manual" });
    if (consentPage.status !== 200) throw new Error(`The sandbox's consent page answered ${consentPage.status}.`);
    const decided = await this.step("/connect/oauth2/consent", { flow, decision: "connect" }, 302);
    return new URL(decided.headers.get("location") ?? "").searchParams;
  }

  private async step(path: string, fields: Record<string, string>, expected: number): Promise<Response> {
    const response = await fetch(this.url(path), {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
    });
    if (response.status !== expected) throw new Error(`The sandbox's ${path} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
    return response;
  }

  /** Waits until the sandbox answers (any HTTP answer counts), e.g. right after its process started. */
  async waitUntilUp(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        await fetch(this.url("/v1/openid_connect/userinfo"));
        return;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`The QuickBooks sandbox at ${this.baseUrl} did not start within ${timeoutMs / 1000} s.`, { cause: error });
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }
}

class SandboxError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
