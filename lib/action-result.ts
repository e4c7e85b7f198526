/** What a server action answers: its data, or a message saying what was wrong (app/_server/action.ts builds it). */
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: string };
