/**
 * How far a long operation (lint, diff) has come, for a person watching a terminal. The engines
 * report phases and steps; what is shown, if anything, is the CLI's choice (`cli/progress.ts`).
 */
export interface Progress {
  /** Starts a phase of `total` steps; 0 when its steps are not counted. */
  phase(label: string, total: number): void;
  /** `count` more steps of the current phase are done. */
  step(count?: number): void;
  /** The operation is over: whatever was shown is cleared. */
  end(): void;
}

/** Shows nothing: the default of every engine call. */
export const noProgress: Progress = {
  phase: () => undefined,
  step: () => undefined,
  end: () => undefined,
};
