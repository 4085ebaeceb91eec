import { History } from "../history/history.js";
import { ModelCatalog } from "../models/model-catalog.js";
import { DownloadManager } from "../registry/download-manager.js";
import { LlamaRuntime } from "../runtime/llama-runtime.js";
import { ModelProbeCache } from "../runtime/model-probe.js";
import { Scheduler } from "../scheduler/scheduler.js";
import type { Settings } from "../settings/settings.js";
import { ModelStore } from "../store/model-store.js";

export { PADDOCK_VERSION } from "./version.js";


/** The engine's parts, wired once: the store, the catalog over it, the llama.cpp worker and the scheduler. */
export class Engine {
  readonly store: ModelStore;
  readonly catalog: ModelCatalog;
  readonly runtime: LlamaRuntime;
  readonly scheduler: Scheduler;
  /** Registry blob downloads, shared between pulls and shown by /api/downloads. */
  readonly downloads: DownloadManager;
  /** Conversations and UI-edited settings (SQLite in PADDOCK_DATA or ~/.paddock, opened on first use). */
  readonly history: History;

  constructor(readonly settings: Settings, readonly log: (line: string) => void = () => {}) {
    this.store = new ModelStore(settings.modelsDir);
    this.catalog = new ModelCatalog(this.store);
    this.downloads = new DownloadManager(this.store, {}, log);
    this.history = new History();
    this.runtime = new LlamaRuntime();
    this.scheduler = new Scheduler(this.runtime, {
      numParallel: settings.numParallel,
      maxQueue: settings.maxQueue,
      maxLoadedModels: settings.maxLoadedModels,
      defaultKeepAliveMs: settings.keepAliveMs,
      memoryLimitBytes: settings.maxMemoryBytes,
      probes: new ModelProbeCache(),
    });
  }

  async start(): Promise<void> {
    await this.store.maintain({ prune: !this.settings.noPrune });
  }

  async stop(): Promise<void> {
    // Downloads pause first, so their part files are saved before the process goes.
    await this.downloads.stop();
    await this.scheduler.shutdown();
    this.history.close();
  }
}
