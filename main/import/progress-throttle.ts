import type { ImportProgress } from "../ipc/contract.js";

export type ProgressStep = Omit<ImportProgress, "fileId">;

/**
 * Limits byte-count progress to one event per interval, so a fast disk does not flood IPC with thousands of
 * messages. A new phase, a new status line and the last byte always get through.
 */
export function throttleProgress(emit: (step: ProgressStep) => void, intervalMs = 100, now: () => number = Date.now) {
  let last: ProgressStep | undefined;
  let lastAt = -Infinity;
  return (step: ProgressStep): void => {
    const changed = !last || last.phase !== step.phase || last.status !== step.status;
    const finished = step.total !== undefined && step.completed === step.total;
    if (!changed && !finished && now() - lastAt < intervalMs) return;
    last = step;
    lastAt = now();
    emit(step);
  };
}
