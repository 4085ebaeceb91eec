import { mkdtempSync, readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * Points the history database and the checked-model cache of this test process (and of engines it
 * spawns, which inherit the environment) at a throwaway folder, so a hard run never touches ~/.paddock
 * or ~/.cache and every run checks its models afresh. Call it before the first engine starts.
 */
export function isolateFromHome(): { dir: string; cleanup(): Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), "paddock-hard-"));
  process.env.PADDOCK_DATA = join(dir, "data");
  process.env.XDG_CACHE_HOME = join(dir, "cache");
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

let collector: (() => void) | undefined;

/** A full garbage collection, so heap figures compare live objects rather than garbage. */
export function collectGarbage(): void {
  if (!collector) {
    setFlagsFromString("--expose-gc");
    collector = runInNewContext("gc") as () => void;
  }
  collector();
  collector();
}

export const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/** Polls until the condition holds; throws with the label once the time is up. */
export async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, label: string): Promise<number> {
  const started = performance.now();
  while (!(await condition())) {
    if (performance.now() - started > timeoutMs) throw new Error(`${label}: not reached within ${timeoutMs} ms`);
    await sleep(10);
  }
  return performance.now() - started;
}

/** Resident memory of another process (kB figure of /proc/<pid>/status), in bytes; Linux only. */
export function processRss(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** A deterministic generator (mulberry32), so a failing fuzz run can be replayed from its seed. */
export class Random {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(below: number): number {
    return Math.floor(this.next() * below);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }
}
