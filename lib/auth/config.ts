import "server-only";
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/lib/database";
import { env } from "@/lib/env";
import { authenticate } from "./authenticate";
import { clientAddress } from "./client-address";
import { isSessionCurrent, revokeSession, SESSION_MAX_AGE_SECONDS, startSession } from "./sessions";

const credentialsSchema = z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(1024) });

/**
 * Auth.js: email + password, JWT sessions carrying the user id, the session's id and the user's
 * session version. Every request checks those against the database (lib/auth/sessions), so Sign out
 * (the shell's or POST /api/auth/signout) and Sign out everywhere end a session on the server, not
 * only in the browser. Everything else about the user (support flag, locale, memberships) is read
 * from the database on each request too, so a change takes effect at once. The config is built
 * lazily so `next build` needs no runtime secrets.
 */
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: env().AUTH_SECRET,
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/signin" },
  logger: {
    // A wrong password is an expected outcome, not a server error: no stack trace per attempt.
    error(error) {
      if (error.name === "CredentialsSignin") return;
      console.error(`[auth] ${error.name}: ${error.message}`);
    },
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const address = clientAddress(request.headers, env().TRUST_PROXY);
        return authenticate(getDb(), parsed.data.email, parsed.data.password, address);
      },
    }),
  ],
  events: {
    async signOut(message) {
      if ("token" in message && message.token) await revokeSession(getDb(), message.token);
    },
  },
  callbacks: {
    async jwt({ token, user }) {
      if (user?.id) return { ...token, ...(await startSession(getDb(), user.id)) };
      // null ends the session: Auth.js clears the cookie and auth() answers "signed out".
      return (await isSessionCurrent(getDb(), token)) ? token : null;
    },
    session({ session, token }) {
      if (typeof token.uid === "string") session.user.id = token.uid;
      return session;
    },
  },
}));
