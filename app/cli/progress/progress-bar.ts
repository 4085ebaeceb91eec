// A transfer bar laid out as Ollama's progress.Bar draws it:
// `pulling 3f8eb4a1c0d2: 45% ▕████████      ▏ 1.2 GB/2.7 GB  12 MB/s  2m3s`.

import { goFixed } from "../../gguf/human-number.js";
import { goDurationString } from "../format/go-duration.js";
import { humanBytes } from "../format/human-bytes.js";
import type { ProgressState } from "./progress-state.js";

interface Sample {
  at: number;
  value: number;
}

const MAX_SAMPLES = 10;
const SAMPLE_EVERY_MS = 1000;
const HOUR_MS = 3_600_000;

const pad = (text: string, width: number) => " ".repeat(Math.max(0, width - text.length)) + text;

/** At most two units: `99h+`, `1h5m`, else whole seconds as Go prints them (`4m32s`). */
function formatEta(ms: number): string {
  if (ms >= 100 * HOUR_MS) return "99h+";
  if (ms >= HOUR_MS) return `${Math.trunc(ms / HOUR_MS)}h${Math.trunc(ms / 60_000) % 60}m`;
  return goDurationString(BigInt(Math.round(ms / 1000)) * 1_000_000_000n);
}

export class ProgressBar implements ProgressState {
  private current: number;
  private readonly started: number;
  private stoppedAt?: number;
  private samples: Sample[] = [];

  constructor(
    private readonly message: string,
    private readonly total: number,
    private readonly initial: number,
    private readonly now: () => number = Date.now,
  ) {
    this.current = initial;
    this.started = now();
    if (initial >= total) this.stoppedAt = this.started;
  }

  get finished(): boolean {
    return this.stoppedAt !== undefined;
  }

  set(value: number): void {
    const clamped = Math.min(value, this.total);
    this.current = clamped;
    const at = this.now();
    if (clamped >= this.total && this.stoppedAt === undefined) this.stoppedAt = at;
    const last = this.samples[this.samples.length - 1];
    if (!last || at - last.at > SAMPLE_EVERY_MS) {
      this.samples.push({ at, value: clamped });
      if (this.samples.length > MAX_SAMPLES) this.samples.shift();
    }
  }

  private percent(): number {
    return this.total > 0 ? (this.current / this.total) * 100 : 0;
  }

  /** Bytes per second over the recent samples (or the whole run once finished); 0 while unknown. */
  private rate(): number {
    let bytes = 0;
    let ms = 0;
    if (this.stoppedAt !== undefined) {
      bytes = this.current - this.initial;
      ms = this.stoppedAt - this.started;
    } else if (this.samples.length === 1) {
      const only = this.samples[0] as Sample;
      bytes = only.value - this.initial;
      ms = only.at - this.started;
    } else if (this.samples.length > 1) {
      const first = this.samples[0] as Sample;
      const last = this.samples[this.samples.length - 1] as Sample;
      bytes = last.value - first.value;
      ms = last.at - first.at;
    }
    // Whole seconds, as Ollama rounds the span before dividing.
    const seconds = Math.round(ms / 1000);
    return seconds !== 0 ? bytes / seconds : 0;
  }

  line(width: number): string {
    const running = this.stoppedAt === undefined;
    let pre = this.message.trim() ? `${this.message.trim()} ` : "";
    pre += `${pad(goFixed(this.percent(), 0), 3)}%`;

    let suffix = running ? `${pad(humanBytes(this.current), 6)}/${pad(humanBytes(this.total), 6)}` : `${pad(humanBytes(this.total), 6)}${" ".repeat(7)}`;
    const rate = this.rate();
    suffix += running && rate > 0 ? `  ${pad(humanBytes(Math.trunc(rate)), 6)}/s` : " ".repeat(10);
    suffix += running && rate > 0 ? `  ${pad(formatEta(Math.trunc((this.total - this.current) / rate) * 1000), 6)}` : " ".repeat(8);

    // Two edge characters and a space on each side take five columns.
    const room = width - pre.length - suffix.length - 5;
    const filled = Math.max(0, Math.trunc((room * this.percent()) / 100));
    return `${pre} ▕${"█".repeat(filled)}${" ".repeat(Math.max(0, room - filled))}▏ ${suffix}`;
  }
}
