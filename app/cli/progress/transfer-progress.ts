// Turns the engine's progress stream (pull, push, create) into lines: a
// spinner per status, a bar per digest being transferred.

import type { ProgressUpdate } from "../api-types.js";
import { ProgressBar } from "./progress-bar.js";
import { ProgressDisplay } from "./progress-display.js";
import { Spinner } from "./spinner.js";

export interface TransferProgressOptions {
  /** The bar's title for a digest's first update. */
  barLabel(update: ProgressUpdate & { digest: string }): string;
  /**
   * Pull announces every layer with completed 0 before downloading any;
   * Ollama skips those so only the layer in flight shows a bar.
   */
  skipUnstarted?: boolean;
}

/** `sha256:0123…` → the first 12 hex digits, as layer names are shown. */
export function shortDigest(digest: string): string {
  const hex = digest.startsWith("sha256:") ? digest.slice("sha256:".length).trim() : digest.trim();
  return digest.startsWith("sha256:") ? hex.slice(0, 12) : hex;
}

export class TransferProgress {
  readonly display: ProgressDisplay;
  private readonly bars = new Map<string, ProgressBar>();
  private status = "";
  private spinner: Spinner | undefined;

  constructor(
    private readonly options: TransferProgressOptions,
    display: ProgressDisplay = new ProgressDisplay(),
  ) {
    this.display = display;
  }

  /** Shows a status of the client's own (e.g. `gathering model components`). */
  showStatus(status: string): Spinner {
    this.spinner?.stop();
    this.status = status;
    this.spinner = new Spinner(status);
    this.display.add(this.spinner);
    return this.spinner;
  }

  handle = (update: ProgressUpdate): void => {
    if (update.digest) {
      const completed = update.completed ?? 0;
      if (this.options.skipUnstarted && completed === 0) return;
      this.spinner?.stop();
      let bar = this.bars.get(update.digest);
      if (!bar) {
        bar = new ProgressBar(this.options.barLabel({ ...update, digest: update.digest }), update.total ?? 0, completed);
        this.bars.set(update.digest, bar);
        this.display.add(bar);
      }
      bar.set(completed);
    } else if (update.status !== this.status) {
      this.showStatus(update.status);
    }
  };

  stop(): void {
    this.display.stop();
  }
}
