import { availableParallelism, totalmem } from "node:os";
import { ApiError } from "../server/api-error.js";
import type { LlamaRuntime } from "../runtime/llama-runtime.js";
import { expectLocalBuild } from "../runtime/local-build.js";
import type { ModelProbeCache } from "../runtime/model-probe.js";
import type { LoadedModelInfo } from "../runtime/protocol.js";
import { Slots } from "./slots.js";

/** Options that need a reload when they change (Ollama's runner options). */
export interface LoadSettings {
  numCtx: number;
  numThread: number;
  numBatch?: number;
  useMmap?: boolean;
}

export interface ModelToRun {
  modelPath: string;
  /** What /api/ps shows: the short name, the manifest digest and the details object. */
  displayName: string;
  digest: string;
  details: Record<string, unknown>;
  fileBytes: number;
  kvBytesPerToken: number;
  trainedContextLength?: number;
}

export interface Runner {
  readonly model: ModelToRun;
  readonly handle: number;
  readonly info: LoadedModelInfo;
  readonly settings: LoadSettings;
  readonly slots: Slots;
  /** Weights plus KV cache for every parallel sequence: what /api/ps shows as size. */
  readonly memoryBytes: number;
  refCount: number;
  keepAliveMs: number;
  expiresAt: Date;
  lastUsed: number;
  timer?: NodeJS.Timeout;
  unloading?: Promise<void>;
}

export interface Lease {
  runner: Runner;
  /** Nanoseconds from the request's start until the model was ready to serve it. */
  loadDurationNs: number;
  release(): void;
}

export interface SchedulerOptions {
  numParallel: number;
  maxQueue: number;
  maxLoadedModels: number;
  defaultKeepAliveMs: number;
  /** Loaded models may use at most this much memory together; defaults to all but 1 GiB of RAM. */
  memoryLimitBytes?: number;
  /** Checks a model in a throwaway process before its first load, so a file that aborts llama.cpp cannot take the engine down. */
  probes?: ModelProbeCache;
}

/** Memory a model will take at this context size: its weights plus an F16 KV cache per sequence. */
export function estimateMemory(model: ModelToRun, contextSize: number, sequences: number): number {
  const context = Math.min(contextSize, model.trainedContextLength ?? contextSize);
  return model.fileBytes + model.kvBytesPerToken * context * sequences;
}

const FOREVER_MS = 292 * 365 * 24 * 3600 * 1000;

/**
 * The default num_thread, measured on a 2-core machine (README, Performance): one thread for small models, all
 * cores above a size that depends on the binary. The prebuilt binary (no OpenMP) starts and joins its worker
 * threads for every token, which costs about 7 ms a token with 2 threads, so a second thread only pays from
 * about 180 MB of weights (61 MB Q8_0: 205 tok/s on 1 thread, 107 on 2; 262 MB: 48 and 56). The local
 * OpenMP build keeps its threads, so 2 threads win from a few MB (40 MB F16: 415 and 600 tok/s); only a
 * tiny model is faster on one (0.7 MB: 3,600 and 2,100 tok/s).
 */
export function defaultThreads(modelBytes: number, localBuild = expectLocalBuild()): number {
  const oneThreadBelow = localBuild ? 16 * 1024 * 1024 : 192 * 1024 * 1024;
  return modelBytes < oneThreadBelow ? 1 : Math.max(1, availableParallelism());
}

/**
 * Loads and unloads models like Ollama's scheduler: one load at a time, reuse while the load options
 * match, a keep-alive timer once the last request finishes, least-recently-used eviction at the limit.
 */
export class Scheduler {
  private readonly runners = new Map<string, Runner>();
  private loadChain: Promise<unknown> = Promise.resolve();
  private pending = 0;

  constructor(private readonly runtime: LlamaRuntime, private readonly options: SchedulerOptions) {
    runtime.onExit = () => {
      for (const runner of this.runners.values()) clearTimeout(runner.timer);
      this.runners.clear();
    };
  }

  /** Gets a runner for the model and a free parallel slot in it; release() when the request ends. */
  async acquire(model: ModelToRun, settings: LoadSettings, keepAliveMs: number | undefined, startedAt: bigint, signal?: AbortSignal): Promise<Lease> {
    if (this.pending >= this.options.maxQueue) {
      throw new ApiError(503, "server busy, please try again.  maximum pending requests exceeded");
    }
    this.pending++;
    let runner: Runner;
    let releaseSlot: () => void;
    try {
      // runnerFor counts this request on the runner before it returns, so no unload can slip in between.
      runner = await this.runnerFor(model, settings, keepAliveMs, signal);
      clearTimeout(runner.timer);
      runner.timer = undefined;
      if (keepAliveMs !== undefined) runner.keepAliveMs = keepAliveMs;
      runner.expiresAt = new Date(Date.now() + Math.min(runner.keepAliveMs, FOREVER_MS));
      try {
        releaseSlot = await runner.slots.acquire(signal);
      } catch (error) {
        this.finish(runner);
        throw error;
      }
    } catch (error) {
      if (signal?.aborted) throw new ApiError(499, "request canceled");
      throw error;
    } finally {
      this.pending--;
    }
    const loadDurationNs = Number(process.hrtime.bigint() - startedAt);
    let released = false;
    return {
      runner,
      loadDurationNs,
      release: () => {
        if (released) return;
        released = true;
        releaseSlot();
        this.finish(runner);
      },
    };
  }

  private async runnerFor(model: ModelToRun, settings: LoadSettings, keepAliveMs: number | undefined, signal?: AbortSignal): Promise<Runner> {
    const existing = this.runners.get(model.modelPath);
    if (existing && !existing.unloading && sameSettings(existing.settings, settings)) return claim(existing);
    // Loads are serialised; each waits its turn, then looks again in case an earlier load brought it in.
    const turn = this.loadChain.then(async () => {
      signal?.throwIfAborted();
      const current = this.runners.get(model.modelPath);
      if (current && !current.unloading && sameSettings(current.settings, settings)) return claim(current);
      if (current) await this.unloadWhenIdle(current);
      await this.options.probes?.ensureLoadable(model.modelPath);
      await this.makeRoom(estimateMemory(model, settings.numCtx, this.options.numParallel));
      const { handle, info } = await this.runtime.load({
        modelPath: model.modelPath,
        contextSize: settings.numCtx,
        sequences: this.options.numParallel,
        threads: settings.numThread,
        batchSize: settings.numBatch,
        useMmap: settings.useMmap,
      });
      const keepAlive = keepAliveMs ?? this.options.defaultKeepAliveMs;
      const runner: Runner = {
        model,
        handle,
        info,
        settings,
        slots: new Slots(this.options.numParallel),
        memoryBytes: estimateMemory(model, info.contextSize, this.options.numParallel),
        refCount: 0,
        keepAliveMs: keepAlive,
        expiresAt: new Date(Date.now() + Math.min(keepAlive, FOREVER_MS)),
        lastUsed: Date.now(),
      };
      this.runners.set(model.modelPath, runner);
      return claim(runner);
    });
    this.loadChain = turn.catch(() => undefined);
    return turn;
  }

  /** Evicts until one more model fits both the count limit and the memory budget (Ollama's victim order). */
  private async makeRoom(neededBytes: number): Promise<void> {
    const limit = this.options.maxLoadedModels > 0 ? this.options.maxLoadedModels : 3;
    const memoryLimit = this.options.memoryLimitBytes ?? totalmem() - 1024 ** 3;
    const used = () => [...this.runners.values()].reduce((sum, runner) => sum + runner.memoryBytes, 0);
    while (this.runners.size >= limit || (this.runners.size > 0 && used() + neededBytes > memoryLimit)) {
      const candidates = [...this.runners.values()].sort((a, b) => a.keepAliveMs - b.keepAliveMs || a.lastUsed - b.lastUsed);
      const victim = candidates.find((runner) => runner.refCount === 0) ?? candidates[0];
      await this.unloadWhenIdle(victim);
    }
  }

  private finish(runner: Runner): void {
    runner.refCount--;
    runner.lastUsed = Date.now();
    if (runner.refCount > 0 || runner.unloading) return;
    if (runner.keepAliveMs <= 0) {
      void this.unload(runner);
      return;
    }
    const duration = Math.min(runner.keepAliveMs, FOREVER_MS);
    runner.expiresAt = new Date(Date.now() + duration);
    if (duration < 2 ** 31 - 1) {
      runner.timer = setTimeout(() => void this.unload(runner), duration);
      runner.timer.unref();
    }
  }

  private unloadWhenIdle(runner: Runner): Promise<void> {
    if (runner.refCount === 0) return this.unload(runner);
    runner.keepAliveMs = 0;
    return new Promise((resolve) => {
      const check = setInterval(() => {
        if (!this.runners.has(runner.model.modelPath) || runner.unloading) {
          clearInterval(check);
          resolve(runner.unloading);
        }
      }, 10);
    });
  }

  private unload(runner: Runner): Promise<void> {
    if (runner.unloading) return runner.unloading;
    clearTimeout(runner.timer);
    runner.expiresAt = new Date();
    runner.unloading = this.runtime
      .unload(runner.handle)
      .catch(() => undefined)
      .finally(() => {
        if (this.runners.get(runner.model.modelPath) === runner) this.runners.delete(runner.model.modelPath);
      });
    return runner.unloading;
  }

  /** keep_alive 0 without a prompt: unload now, or as soon as the requests in flight finish. */
  async expire(modelPath: string): Promise<void> {
    const runner = this.runners.get(modelPath);
    if (!runner) return;
    runner.keepAliveMs = 0;
    runner.expiresAt = new Date();
    if (runner.refCount === 0) await this.unload(runner);
  }

  isLoaded(modelPath: string): boolean {
    return this.runners.has(modelPath);
  }

  loaded(): Runner[] {
    return [...this.runners.values()].filter((runner) => !runner.unloading);
  }

  async shutdown(): Promise<void> {
    for (const runner of this.runners.values()) clearTimeout(runner.timer);
    this.runners.clear();
    await this.runtime.shutdown();
  }
}

function claim(runner: Runner): Runner {
  runner.refCount++;
  return runner;
}

function sameSettings(a: LoadSettings, b: LoadSettings): boolean {
  return a.numCtx === b.numCtx && a.numThread === b.numThread && a.numBatch === b.numBatch && a.useMmap === b.useMmap;
}
