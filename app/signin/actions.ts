"use server";

import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth/config";

import type { SignInState } from "@/components/auth/sign-in-form";

/** One generic failure for every cause (unknown email, wrong password, throttled). */
export async function signInAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  try {
    await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirectTo: "/",
    });
    return { failed: false };
  } catch (error) {
    if (error instanceof AuthError) return { failed: true };
    throw error; // the redirect after success is thrown too, and must propagate
  }
}
