import { setImmediate as nextTurn } from "node:timers/promises";

/**
 * Events handled between two yields to the event loop. Ingest runs in the portal's process: a
 * 20,000-event batch checked in one go holds the only event loop for a noticeable while, and every
 * page request waits behind it. Yielding every slice lets pending requests run in between.
 */
const EVENT_LOOP_SLICE = 1_000;

/** Calls `fn` for each item in order, letting the event loop serve other work every `slice` items. */
export async function forEachYielding<T>(items: readonly T[], fn: (item: T, index: number) => void, slice = EVENT_LOOP_SLICE): Promise<void> {
  for (let i = 0; i < items.length; i++) {
    fn(items[i], i);
    if (i % slice === slice - 1) await nextTurn();
  }
}
