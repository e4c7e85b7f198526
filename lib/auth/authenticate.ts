import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { users } from "@/db/schema";
import { normalizeEmail } from "./email";
import { clearFailures, isThrottled, recordFailure } from "./login-throttle";
import { decoyPasswordHash, verifyPassword } from "./password";

export type AuthenticatedUser = { id: string; email: string; name: string | null };

/**
 * Checks an email and password from a client address (see lib/auth/client-address). Every failure —
 * unknown email, no password set, wrong password, throttled — looks the same to the caller, so
 * sign-in cannot be used to probe for accounts.
 */
export async function authenticate(db: DbOrTx, rawEmail: string, password: string, address: string, now = new Date()): Promise<AuthenticatedUser | null> {
  const email = normalizeEmail(rawEmail);
  const subject = { email, address };
  if (await isThrottled(db, subject, now)) return null;
  const [user] = await db.select().from(users).where(eq(users.email, email));
  const ok = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);
  if (!user || !user.passwordHash || !ok) {
    await recordFailure(db, subject, now);
    return null;
  }
  await clearFailures(db, subject);
  return { id: user.id, email: user.email, name: user.name };
}
