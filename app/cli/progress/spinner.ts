import type { ProgressState } from "./progress-state.js";

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
const FRAME_MS = 100;

/** A status with a braille spinner after it while work goes on (`pulling manifest ⠹`). */
export class Spinner implements ProgressState {
  private readonly started = Date.now();
  private stopped = false;

  constructor(private message: string) {}

  setMessage(message: string): void {
    this.message = message;
  }

  stop(): void {
    this.stopped = true;
  }

  get finished(): boolean {
    return this.stopped;
  }

  line(): string {
    const message = this.message.trim();
    let text = message ? `${message} ` : "";
    if (!this.stopped) text += `${FRAMES[Math.floor((Date.now() - this.started) / FRAME_MS) % FRAMES.length]} `;
    return text;
  }
}
