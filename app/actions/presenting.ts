"use server";

import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { PRESENTING_COOKIE } from "@/lib/presenting/mask";

/** Presenting mode on or off for this browser session: a session cookie (gone when the browser closes), display only. */
export async function setPresentingAction(form: FormData): Promise<void> {
  const on = z.enum(["on", "off"]).parse(form.get("presenting")) === "on";
  const jar = await cookies();
  if (on) jar.set(PRESENTING_COOKIE, "on", { path: "/", sameSite: "lax", httpOnly: true });
  else jar.delete(PRESENTING_COOKIE);
  revalidatePath("/", "layout");
}
