import { z } from "zod";
import { ForbiddenError } from "./session";

import type { ActionResult } from "@/lib/action-result";

export type { ActionResult };

/**
 * The one way server actions take input: validated with zod, answered with a message that says
 * what was wrong, and a refused permission reported as such instead of a crash. Redirects and
 * notFound() thrown by Next propagate untouched.
 */
export function validatedAction<S extends z.ZodType, T>(schema: S, handler: (input: z.infer<S>) => Promise<T>) {
  return async (input: unknown): Promise<ActionResult<T>> => {
    const source = input instanceof FormData ? Object.fromEntries(input) : input;
    const parsed = schema.safeParse(source);
    if (!parsed.success) {
      return { ok: false, error: parsed.error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ") };
    }
    try {
      return { ok: true, data: await handler(parsed.data) };
    } catch (error) {
      if (error instanceof ForbiddenError) return { ok: false, error: error.message };
      throw error;
    }
  };
}
