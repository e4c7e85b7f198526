"use server";

import { currentUser } from "@/app/_server/session";
import { signOut } from "@/lib/auth/config";
import { endAllSessions } from "@/lib/auth/sessions";
import { getDb } from "@/lib/database";

/** Ends this session on the server too (Auth.js's signOut event revokes its id). */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/signin" });
}

/** Ends every session of the user, on every device, then this one. */
export async function signOutEverywhereAction(): Promise<void> {
  const user = await currentUser();
  if (user) await endAllSessions(getDb(), user.id);
  await signOut({ redirectTo: "/signin" });
}
