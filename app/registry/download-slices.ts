import type { PartRecord } from "./partial-files.js";
import type { PartSizing } from "./transfer-options.js";

/** One ranged request's worth of a part: bytes [start, end) of the blob. */
export interface Slice {
  start: number;
  end: number;
  /** Bytes of this slice already in the data file, counted from start. */
  written: number;
  /** Bytes received but not yet written: progress to show, lost if the attempt dies. */
  buffered: number;
}

/**
 * A part as Ollama records it, plus the slices still to fetch. Its saved `Completed` may only count bytes
 * written without a gap from its Offset (that is where a resume starts), so it is worked out from slices.
 */
export class PartProgress {
  readonly slices: Slice[];
  /** Completed as last written to -partial-N. */
  saved: number;
  saving: Promise<void> = Promise.resolve();

  constructor(readonly record: PartRecord, sliceBytes: number) {
    this.saved = record.Completed;
    this.slices = [];
    for (let start = record.Offset + record.Completed; start < record.Offset + record.Size; start += sliceBytes) {
      this.slices.push({ start, end: Math.min(start + sliceBytes, record.Offset + record.Size), written: 0, buffered: 0 });
    }
  }

  /** Bytes written without a gap from the part's Offset. */
  get completed(): number {
    let completed = this.record.Completed;
    for (const slice of this.slices) {
      completed += slice.written;
      if (slice.start + slice.written < slice.end) break;
    }
    return completed;
  }

  /** Everything received, gaps or not: what progress lines show. */
  get received(): number {
    return this.slices.reduce((sum, slice) => sum + slice.written + slice.buffered, this.record.Completed);
  }

  get done(): boolean {
    return this.completed === this.record.Size;
  }

  snapshot(): PartRecord {
    return { ...this.record, Completed: this.completed };
  }
}

/**
 * How many bytes one request asks for. With one connection a part is one request, as upstream. With
 * several, the connections take slices in blob order instead of one part each: the bytes then complete
 * roughly front to back, so the SHA-256 (which must read them in order) keeps pace with the download
 * instead of starting on most of the blob only when the last part lands.
 */
export function sliceBytesFor(total: number, parts: PartRecord[], sizing: PartSizing): number {
  if (connectionsFor(parts, sizing) <= 1) return Math.max(1, ...parts.map((part) => part.Size));
  return Math.max(sizing.sliceBytes, Math.ceil(total / 256));
}

/** One connection per unfinished part, as upstream, up to the concurrency limit. */
export function connectionsFor(parts: PartRecord[], sizing: PartSizing): number {
  return Math.min(sizing.concurrency, parts.filter((part) => part.Completed < part.Size).length);
}

/** All slices of all parts in blob order: the order connections take them in. */
export function sliceQueue(parts: PartProgress[]): Array<{ part: PartProgress; slice: Slice }> {
  return parts.flatMap((part) => part.slices.map((slice) => ({ part, slice }))).sort((a, b) => a.slice.start - b.slice.start);
}
