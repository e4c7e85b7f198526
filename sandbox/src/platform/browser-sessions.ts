import { randomBytes } from "node:crypto";

const SESSION_MS = 12 * 3600 * 1000;
const FLOW_MS = 30 * 60 * 1000;
export const SESSION_COOKIE = "sbx_session";

/** An authorize request in progress: what the app asked for, and what the visitor chose so far. */
export interface AuthorizeFlow {
  id: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state: string | undefined;
  userId: string | null;
  realmId: string | null;
  expiresAt: number;
}

function randomId(): string {
  return randomBytes(24).toString("base64url");
}

/**
 * Browser-side state of the sandbox's pages, in memory only: signed-in Intuit users (cookie) and
 * authorize flows (an opaque id carried in a hidden form field, so the flow works without cookies).
 * Real wall-clock time: the sandbox clock only moves token lifetimes.
 */
export class BrowserSessions {
  private readonly sessions = new Map<string, { userId: string; expiresAt: number }>();
  private readonly flows = new Map<string, AuthorizeFlow>();

  signIn(userId: string): string {
    const id = randomId();
    this.sessions.set(id, { userId, expiresAt: Date.now() + SESSION_MS });
    return id;
  }

  userIdOf(sessionId: string | undefined): string | null {
    if (!sessionId) return null;
    const session = this.sessions.get(sessionId);
    if (!session || session.expiresAt <= Date.now()) {
      this.sessions.delete(sessionId ?? "");
      return null;
    }
    return session.userId;
  }

  signOut(sessionId: string | undefined): void {
    if (sessionId) this.sessions.delete(sessionId);
  }

  startFlow(input: Omit<AuthorizeFlow, "id" | "userId" | "realmId" | "expiresAt">): AuthorizeFlow {
    for (const [id, flow] of this.flows) if (flow.expiresAt <= Date.now()) this.flows.delete(id);
    const flow: AuthorizeFlow = { ...input, id: randomId(), userId: null, realmId: null, expiresAt: Date.now() + FLOW_MS };
    this.flows.set(flow.id, flow);
    return flow;
  }

  flow(id: string | null | undefined): AuthorizeFlow | null {
    if (!id) return null;
    const flow = this.flows.get(id);
    if (!flow || flow.expiresAt <= Date.now()) return null;
    return flow;
  }

  endFlow(id: string): void {
    this.flows.delete(id);
  }

  clear(): void {
    this.sessions.clear();
    this.flows.clear();
  }
}

export function sessionCookie(sessionId: string): string {
  return `${SESSION_COOKIE}=${encodeURIComponent(sessionId)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_MS / 1000}`;
}
