"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { saveLocale } from "@/lib/auth/preferences";
import { getDb } from "@/lib/database";
import { LOCALE_COOKIE, LOCALES } from "@/lib/i18n/locales";
import { validatedAction } from "../_server/action";
import { currentUser } from "../_server/session";

/** Switches the language: saved on the user (so it follows them) and in a cookie (for signed-out pages). */
export const setLocaleAction = validatedAction(z.object({ locale: z.enum(LOCALES) }), async ({ locale }) => {
  const user = await currentUser();
  if (user) await saveLocale(getDb(), user.id, locale);
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", sameSite: "lax", maxAge: 365 * 24 * 3600 });
  return { locale };
});
