import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from "node:fs";
import { dirname } from "node:path";
import { createEmptyState, type SandboxState } from "./state";

/** Writes are coalesced: under load the state is written at most once a second. */
const SAVE_DELAY_MS = 1000;

export function loadState(dataFile: string | undefined): SandboxState {
  if (!dataFile || !existsSync(dataFile)) return createEmptyState();
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(dataFile, "utf8"));
  } catch (error) {
    throw new Error(`Cannot read the sandbox data file ${dataFile}: ${(error as Error).message}. Delete it to start empty.`);
  }
  const state = parsed as Partial<SandboxState>;
  if (state?.version !== 1) {
    throw new Error(`The sandbox data file ${dataFile} has an unknown format (version ${String(state?.version)}). Delete it to start empty.`);
  }
  return { ...createEmptyState(), ...state };
}

/**
 * Writes the state to the data file, debounced, atomically (temporary file then rename) so a crash
 * mid-write never leaves a half-written file. Without a data file it does nothing.
 */
export class StateWriter {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly state: SandboxState,
    private readonly dataFile: string | undefined,
  ) {}

  scheduleSave(): void {
    if (!this.dataFile || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.saveNow();
    }, SAVE_DELAY_MS);
  }

  saveNow(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (!this.dataFile) return;
    mkdirSync(dirname(this.dataFile), { recursive: true });
    const tmp = `${this.dataFile}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.state));
    renameSync(tmp, this.dataFile);
  }
}
