import { inArray, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { loginThrottle } from "@/db/schema";

/**
 * Slows down password guessing. Failed sign-ins are counted under three keys, each with its own
 * allowance before attempts must wait an exponentially growing time since the last failure
 * (1 s, 2 s, 4 s … up to 5 minutes); an attempt inside any wait is refused without checking the
 * password and is not counted, so hammering during a wait does not lengthen it:
 *
 * - the client address, across every email: one password tried on many accounts;
 * - the email from that address: guessing one account's password from one place;
 * - the email from everywhere, with a larger allowance: guessing spread over many addresses.
 *
 * Someone who only knows a user's email cannot keep that user out: their failures slow down their
 * own address, and the owner, from another address, gets in with the right password as soon as the
 * email-wide wait (reached only after many failures) has passed. A success clears the email's
 * counts, never the address's (a guesser must not reset it by signing in to an account of their own).
 */
export const FREE_FAILURES = { address: 10, emailFromAddress: 3, email: 50 } as const;
const MAX_WAIT_SECONDS = 300;
/** A count whose last failure is this old is forgotten (the longest wait is far shorter). */
const FORGET_AFTER_MS = 24 * 60 * 60 * 1000;
/** The most keys kept: past it the oldest are dropped, so unknown emails cannot grow the table. */
export const MAX_THROTTLE_ROWS = 10_000;

export interface ThrottleSubject {
  email: string;
  address: string;
}

type Scope = keyof typeof FREE_FAILURES;

function keysOf({ email, address }: ThrottleSubject): Record<Scope, string> {
  return { address: `address:${address}`, emailFromAddress: `email:${email}|address:${address}`, email: `email:${email}` };
}

export function waitSecondsAfter(failures: number, free: number = FREE_FAILURES.emailFromAddress): number {
  if (failures < free) return 0;
  return Math.min(2 ** (failures - free), MAX_WAIT_SECONDS);
}

export async function isThrottled(db: DbOrTx, subject: ThrottleSubject, now = new Date()): Promise<boolean> {
  const keys = keysOf(subject);
  const rows = await db.select().from(loginThrottle).where(inArray(loginThrottle.key, Object.values(keys)));
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return (Object.keys(keys) as Scope[]).some((scope) => {
    const row = byKey.get(keys[scope]);
    if (!row) return false;
    return now.getTime() - row.lastFailedAt.getTime() < waitSecondsAfter(row.failures, FREE_FAILURES[scope]) * 1000;
  });
}

export async function recordFailure(db: DbOrTx, subject: ThrottleSubject, now = new Date()): Promise<void> {
  await db
    .insert(loginThrottle)
    .values(Object.values(keysOf(subject)).map((key) => ({ key, failures: 1, lastFailedAt: now })))
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: { failures: sql`${loginThrottle.failures} + 1`, lastFailedAt: now },
    });
  await pruneThrottle(db, now);
}

/** Forgets stale counts, then the oldest beyond the cap. */
export async function pruneThrottle(db: DbOrTx, now = new Date()): Promise<void> {
  await db.delete(loginThrottle).where(lt(loginThrottle.lastFailedAt, new Date(now.getTime() - FORGET_AFTER_MS)));
  await db.execute(sql`
    delete from ${loginThrottle} where ${loginThrottle.key} in (
      select ${loginThrottle.key} from ${loginThrottle}
      order by ${loginThrottle.lastFailedAt} desc, ${loginThrottle.key} offset ${MAX_THROTTLE_ROWS}
    )`);
}

/** After a correct password: the email's counts go; the address's stay. */
export async function clearFailures(db: DbOrTx, subject: ThrottleSubject): Promise<void> {
  const { email, emailFromAddress } = keysOf(subject);
  await db.delete(loginThrottle).where(inArray(loginThrottle.key, [email, emailFromAddress]));
}
