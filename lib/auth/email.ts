import { z } from "zod";

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email());

/** Emails are stored and compared lower-cased and trimmed. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
