import type { ProgressLine } from "../api/types.js";

export type PullPhase = "starting" | "pulling" | "paused" | "verifying" | "done" | "failed";

export interface PullState {
  /** The name as the user typed it. */
  name: string;
  /** The name with its tag, which identifies the pull. */
  key: string;
  insecure: boolean;
  phase: PullPhase;
  /** The last status line ("pulling manifest", "pulling 0123456789ab", ...). */
  status: string;
  blobs: Record<string, { total: number; completed: number }>;
  total: number;
  completed: number;
  /** Bytes per second over the last few seconds. */
  speed: number;
  error?: string;
  /** (time ms, completed bytes) samples for the speed. */
  samples: Array<[number, number]>;
}

const SPEED_WINDOW_MS = 3000;

export function newPull(name: string, key: string, insecure: boolean): PullState {
  return { name, key, insecure, phase: "starting", status: "starting", blobs: {}, total: 0, completed: 0, speed: 0, samples: [] };
}

/** Folds one progress line into the pull. */
export function applyProgress(pull: PullState, line: ProgressLine, now: number): PullState {
  const next: PullState = { ...pull, status: line.status };
  if (line.digest && line.total) {
    next.blobs = { ...pull.blobs, [line.digest]: { total: line.total, completed: line.completed ?? 0 } };
    next.total = Object.values(next.blobs).reduce((sum, blob) => sum + blob.total, 0);
    next.completed = Object.values(next.blobs).reduce((sum, blob) => sum + blob.completed, 0);
    next.phase = "pulling";
  }
  if (line.status === "verifying sha256 digest" || line.status === "writing manifest" || line.status === "removing unused layers") next.phase = "verifying";
  if (line.status === "success") {
    next.phase = "done";
    next.completed = next.total;
  }
  const samples = [...pull.samples, [now, next.completed] as [number, number]].filter(([time]) => now - time <= SPEED_WINDOW_MS);
  next.samples = samples;
  const [firstTime, firstBytes] = samples[0];
  next.speed = now - firstTime >= 400 ? ((next.completed - firstBytes) * 1000) / (now - firstTime) : pull.speed;
  return next;
}

/** Seconds left at the current speed; undefined when unknown. */
export function etaSeconds(pull: Pick<PullState, "total" | "completed" | "speed">): number | undefined {
  if (!pull.total || pull.speed <= 0) return undefined;
  return (pull.total - pull.completed) / pull.speed;
}
