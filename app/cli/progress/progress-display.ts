// Progress lines on stderr. On a terminal they are redrawn in place every
// 100 ms as Ollama's progress package does; elsewhere (logs, pipes) each line
// is written once, when it is finished, so no escape codes end up in files.

import type { ProgressState } from "./progress-state.js";
import { Spinner } from "./spinner.js";

const REDRAW_MS = 100;
const DEFAULT_WIDTH = 80;
const DEFAULT_HEIGHT = 24;

export class ProgressDisplay {
  private readonly states: ProgressState[] = [];
  private readonly written = new Set<ProgressState>();
  private linesOnScreen = 0;
  private stopped = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly live: boolean = stream.isTTY === true,
  ) {
    this.timer = setInterval(() => this.refresh(), REDRAW_MS);
    this.timer.unref();
  }

  add(state: ProgressState): void {
    if (this.stopped) return;
    this.states.push(state);
    if (!this.live) this.writeFinished(false);
  }

  /** Leaves the last frame on screen (every line, in plain mode), followed by a line break. */
  stop(): void {
    if (!this.halt()) return;
    if (this.live) {
      this.redraw();
      this.stream.write("\n");
    } else {
      this.writeFinished(true);
    }
  }

  /** Removes the progress lines, for output that should take their place. */
  stopAndClear(): void {
    if (!this.halt() || !this.live) return;
    let out = "\x1b[?25l";
    for (let i = 0; i < this.linesOnScreen; i++) out += `${i > 0 ? "\x1b[A" : ""}\x1b[2K\x1b[1G`;
    this.stream.write(`${out}\x1b[?25h`);
    this.linesOnScreen = 0;
  }

  private halt(): boolean {
    if (this.stopped) return false;
    this.stopped = true;
    clearInterval(this.timer);
    for (const state of this.states) if (state instanceof Spinner) state.stop();
    return true;
  }

  private refresh(): void {
    if (this.live) this.redraw();
    else this.writeFinished(false);
  }

  private redraw(): void {
    const width = this.stream.columns || DEFAULT_WIDTH;
    const height = this.stream.rows || DEFAULT_HEIGHT;
    const visible = this.states.slice(-height);
    if (visible.length === 0) return;
    // Synchronized output and a hidden cursor keep the redraw from flickering.
    let out = "\x1b[?2026h\x1b[?25l";
    out += "\x1b[A".repeat(Math.max(0, this.linesOnScreen - 1));
    out += "\x1b[1G";
    out += visible.map((state) => `${state.line(width)}\x1b[K`).join("\n");
    out += "\x1b[?25h\x1b[?2026l";
    this.stream.write(out);
    this.linesOnScreen = visible.length;
  }

  /** Plain mode: writes finished lines in order (all of them when `all`), skipping empty ones. */
  private writeFinished(all: boolean): void {
    for (const state of this.states) {
      if (this.written.has(state)) continue;
      if (!all && !state.finished) return;
      this.written.add(state);
      const text = state.line(DEFAULT_WIDTH).trimEnd();
      if (text) this.stream.write(`${text}\n`);
    }
  }
}
