const WINDOW_MS = 3_000;

/** Transfer speed over a sliding window, so the figure follows the connection rather than the whole history. */
export class SpeedMeter {
  private samples: Array<{ at: number; bytes: number }> = [];

  sample(bytes: number, at = Date.now()): void {
    this.samples.push({ at, bytes });
    while (this.samples.length > 2 && at - this.samples[0].at > WINDOW_MS) this.samples.shift();
  }

  /** Bytes per second, rounded; `current` is the byte count now. */
  rate(current: number, at = Date.now()): number {
    const first = this.samples[0];
    if (!first || at - first.at <= 0) return 0;
    return Math.max(0, Math.round(((current - first.bytes) * 1000) / (at - first.at)));
  }
}
