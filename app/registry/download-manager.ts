import type { ModelStore } from "../store/model-store.js";
import { BlobDownload, type BlobSource, type DownloadState } from "./blob-download.js";
import { partialDigests, readPartFiles, removePartialFiles } from "./partial-files.js";
import { TransferCancelledError } from "./transfer-errors.js";
import { defaultTransferOptions, type TransferOptions } from "./transfer-options.js";

/** One row of GET /api/downloads. */
export interface DownloadView {
  model: string;
  digest: string;
  total: number;
  completed: number;
  /** Bytes per second; 0 unless downloading. */
  speed: number;
  state: DownloadState;
  error?: string;
}

/** A pull's hold on a shared download; the download is cancelled (paused) when its last lease is released. */
export interface DownloadLease {
  download: BlobDownload;
  release(): void;
}

interface Entry {
  download: BlobDownload;
  leases: number;
  /** Set once the last lease went; a new pull waits for the old run to save its parts before starting over. */
  stopping: boolean;
}

/**
 * The engine's blob downloads. Two pulls that need the same blob share one download and its progress
 * (Ollama's blobDownloadManager); a download stops only when every pull waiting on it has gone, and then
 * it is paused rather than lost. It also remembers downloads that paused or failed, for the downloads view.
 */
export class DownloadManager {
  readonly options: TransferOptions;
  private readonly running = new Map<string, Entry>();
  /** Downloads that ended paused or failed in this engine's life, shown until resumed, discarded or replaced. */
  private readonly stopped = new Map<string, BlobDownload>();

  constructor(
    readonly store: ModelStore,
    options: Partial<TransferOptions> = {},
    private readonly log: (line: string) => void = () => {},
  ) {
    this.options = { ...defaultTransferOptions(), ...options };
  }

  /** Joins the download of `digest` or starts it. */
  async acquire(digest: string, model: string, source: BlobSource): Promise<DownloadLease> {
    let entry = this.running.get(digest);
    while (entry?.stopping) {
      await entry.download.settled;
      entry = this.running.get(digest);
    }
    if (!entry) {
      const download = new BlobDownload(digest, model, source, this.store.blobPath(digest), this.options, this.log).start();
      const created: Entry = { download, leases: 0, stopping: false };
      entry = created;
      this.running.set(digest, created);
      this.stopped.delete(digest);
      void download.settled.then(() => {
        if (this.running.get(digest) === created) this.running.delete(digest);
        if (download.state === "paused" || download.state === "failed") this.stopped.set(digest, download);
      });
    }
    const held = entry;
    held.leases++;
    let released = false;
    return {
      download: held.download,
      release: () => {
        if (released) return;
        released = true;
        held.leases--;
        if (held.leases === 0 && this.running.get(digest) === held) {
          held.stopping = true;
          held.download.cancel();
        }
      },
    };
  }

  /** Every download in progress, paused (also those a restart interrupted: found by their part files) or failed. */
  async list(): Promise<DownloadView[]> {
    const views = new Map<string, DownloadView>();
    for (const [digest, download] of [...this.stopped, ...[...this.running].map(([d, entry]) => [d, entry.download] as const)]) {
      views.set(digest, {
        model: download.model,
        digest,
        total: download.total,
        completed: download.completed,
        speed: download.speed,
        state: download.state,
        ...(download.error ? { error: download.error } : {}),
      });
    }
    for (const digest of await partialDigests(this.store.blobsDir)) {
      if (views.has(digest) || (await this.store.hasBlob(digest))) continue;
      const parts = await readPartFiles(this.store.blobPath(digest));
      if (!parts) continue;
      views.set(digest, {
        model: parts.find((part) => part.Model)?.Model ?? "",
        digest,
        total: parts.reduce((sum, part) => sum + part.Size, 0),
        completed: parts.reduce((sum, part) => sum + part.Completed, 0),
        speed: 0,
        state: "paused",
      });
    }
    return [...views.values()];
  }

  /**
   * Cancels the matching downloads, even with pulls waiting on them (they end with "download discarded"),
   * and deletes their partial files. Returns the digests that were discarded.
   */
  async discard(matches: (view: DownloadView) => boolean): Promise<string[]> {
    const discarded: string[] = [];
    for (const view of await this.list()) {
      if (!matches(view)) continue;
      const entry = this.running.get(view.digest);
      if (entry) {
        entry.stopping = true;
        entry.download.cancel(new TransferCancelledError("download discarded"));
        await entry.download.settled;
      }
      this.stopped.delete(view.digest);
      await removePartialFiles(this.store.blobPath(view.digest));
      discarded.push(view.digest);
    }
    return discarded;
  }

  /** Engine shutdown: every download pauses and saves its parts. */
  async stop(): Promise<void> {
    const entries = [...this.running.values()];
    for (const entry of entries) {
      entry.stopping = true;
      entry.download.cancel();
    }
    await Promise.all(entries.map((entry) => entry.download.settled));
  }
}
