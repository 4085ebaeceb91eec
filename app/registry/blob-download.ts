import { mkdir, open, rename, truncate, type FileHandle } from "node:fs/promises";
import { dirname } from "node:path";
import { sleep } from "./abortable-sleep.js";
import { resolveDirectUrl } from "./direct-url.js";
import { createFrontierHasher, type FrontierHasher } from "./frontier-hasher.js";
import { dataFilePath, planParts, readPartFiles, removePartFiles, removePartialFiles, writePartFile } from "./partial-files.js";
import { requestRange, transportError } from "./range-request.js";
import { RegistryClient } from "./registry-client.js";
import {
  BlobDigestMismatchError,
  errorText,
  isCancellation,
  isDiskFull,
  MaxRetriesError,
  PartStalledError,
  TransferCancelledError,
} from "./transfer-errors.js";
import type { TransferOptions } from "./transfer-options.js";
import { SpeedMeter } from "./speed-meter.js";
import { connectionsFor, PartProgress, sliceBytesFor, sliceQueue, type Slice } from "./download-slices.js";

/** The buffers left after the first `skip` bytes: a short writev continues from there. */
function remainder(buffers: Buffer[], skip: number): Buffer[] {
  const rest: Buffer[] = [];
  for (const buffer of buffers) {
    if (skip >= buffer.length) {
      skip -= buffer.length;
      continue;
    }
    rest.push(skip > 0 ? buffer.subarray(skip) : buffer);
    skip = 0;
  }
  return rest;
}

export type DownloadState = "downloading" | "paused" | "verifying" | "failed";

export interface BlobSource {
  /** The registry URL of the blob (GET answers with a redirect to the bytes). */
  blobUrl: URL;
  /** A token the pull already earned, reused so the registry does not challenge again. */
  token: string;
  /** The size the manifest promised, used when the HEAD reply has no Content-Length. */
  expectedSize: number;
}

/** What the ticker needs to know about a request in flight: when it started and when it last got bytes. */
interface Attempt {
  controller: AbortController;
  startedAt: number;
  lastByteAt: number;
  stalled: boolean;
}

/** Writes are gathered into chunks this large: fewer syscalls on fast connections... */
const WRITE_CHUNK_BYTES = 2 * 1024 * 1024;
/** ...but a slow connection still writes at least this often, so saved progress keeps up with the bytes. */
const WRITE_EVERY_MS = 200;

/**
 * One blob coming from a registry into blobs/, shared by every pull that needs it. Ollama's layout is kept
 * so either program can resume the other's download: the bytes go into sha256-<hex>-partial at their own
 * offsets, each part's progress into sha256-<hex>-partial-<N>. The file gets its digest name only after
 * its SHA-256 matched, so a failed or corrupt download never looks like a blob.
 */
export class BlobDownload {
  state: DownloadState = "downloading";
  error?: string;
  total: number;
  done!: Promise<void>;
  /** Resolves when run() has finished whatever the outcome (partials saved, handle closed). */
  settled!: Promise<void>;
  private parts: PartProgress[] = [];
  private readonly attempts = new Set<Attempt>();
  private readonly controller = new AbortController();
  private readonly speedMeter = new SpeedMeter();

  constructor(
    readonly digest: string,
    readonly model: string,
    private readonly source: BlobSource,
    /** blobs/sha256-<hex>: where the verified blob ends up; its partial files sit beside it. */
    private readonly blobPath: string,
    private readonly options: TransferOptions,
    private readonly log: (line: string) => void,
  ) {
    this.total = source.expectedSize;
  }

  start(): this {
    this.done = this.run();
    this.settled = this.done.then(
      () => {},
      () => {},
    );
    return this;
  }

  /** Stops the transfer; the partial files stay so the next pull resumes. */
  cancel(reason: Error = new TransferCancelledError()): void {
    if (!this.controller.signal.aborted) this.controller.abort(reason);
  }

  get completed(): number {
    return this.parts.reduce((sum, part) => sum + part.received, 0);
  }

  /** Bytes per second over the last few seconds; 0 unless bytes are flowing. */
  get speed(): number {
    return this.state === "downloading" ? this.speedMeter.rate(this.completed) : 0;
  }

  get short(): string {
    return this.digest.slice(7, 19);
  }

  private async run(): Promise<void> {
    try {
      await this.transfer();
    } catch (error) {
      const reason = this.controller.signal.reason as unknown;
      if (this.controller.signal.aborted) {
        this.state = "paused";
        throw reason instanceof Error ? reason : new TransferCancelledError();
      }
      this.state = "failed";
      this.error = errorText(error);
      throw error;
    }
  }

  private async transfer(): Promise<void> {
    const signal = this.controller.signal;
    const client = new RegistryClient(signal);
    client.token = this.source.token;
    await mkdir(dirname(this.blobPath), { recursive: true });
    const dataPath = dataFilePath(this.blobPath);

    let records = await readPartFiles(this.blobPath);
    if (records) {
      this.total = records.reduce((sum, part) => sum + part.Size, 0);
    } else {
      await removePartialFiles(this.blobPath);
      const head = await client.request({ method: "HEAD", url: this.source.blobUrl });
      const length = Number(head.headers.get("content-length") ?? "");
      if (Number.isSafeInteger(length) && length >= 0 && head.headers.has("content-length")) this.total = length;
      records = planParts(this.total, this.options.sizing).map((part) => ({ ...part, Model: this.model }));
      // The data file exists at its final size before any part claims progress in it.
      await (await open(dataPath, "w", 0o644)).close();
      await truncate(dataPath, this.total);
      for (const part of records) await writePartFile(this.blobPath, part);
    }
    const sliceBytes = sliceBytesFor(this.total, records, this.options.sizing);
    this.parts = records.map((part) => new PartProgress({ ...part, Model: part.Model ?? this.model }, sliceBytes));
    this.log(`downloading ${this.short} in ${this.parts.length} part(s), ${this.total} bytes, ${this.completed} already here`);

    const hasher = createFrontierHasher(dataPath, this.total);
    try {
      hasher.advance(this.frontier());
      if (this.parts.some((part) => !part.done)) {
        const directUrl = await resolveDirectUrl(client, this.source.blobUrl, this.options.timings.directUrlTimeoutMs, signal);
        const handle = await open(dataPath, "r+");
        try {
          await this.downloadParts(handle, directUrl, hasher);
        } finally {
          await handle.close();
          await Promise.all(this.parts.map((part) => this.save(part)));
        }
      }
      this.state = "verifying";
      const actual = await hasher.finish(this.total);
      if (actual !== this.digest) {
        await removePartialFiles(this.blobPath);
        throw new BlobDigestMismatchError(this.digest, actual);
      }
      // Part files first: a crash in between leaves a data file without parts, which a pull simply restarts.
      await removePartFiles(this.blobPath);
      await rename(dataPath, this.blobPath);
    } finally {
      hasher.dispose();
    }
  }

  /** The end of the bytes that are written without a gap from the start: safe to hash. */
  private frontier(): number {
    for (const part of this.parts) {
      if (!part.done) return part.record.Offset + part.completed;
    }
    return this.total;
  }

  private async downloadParts(handle: FileHandle, directUrl: URL, hasher: FrontierHasher): Promise<void> {
    // A failing slice stops the others; the first real error is the one reported.
    const inner = new AbortController();
    const stopInner = () => inner.abort();
    this.controller.signal.addEventListener("abort", stopInner, { once: true });
    const queue = sliceQueue(this.parts);
    let failure: unknown;
    const { timings } = this.options;
    let lastSave = Date.now();
    const ticker = setInterval(() => {
      const now = Date.now();
      this.speedMeter.sample(this.completed, now);
      for (const attempt of this.attempts) {
        if (now - Math.max(attempt.lastByteAt, attempt.startedAt) > timings.stallTimeoutMs) {
          attempt.stalled = true;
          attempt.controller.abort();
        }
      }
      if (now - lastSave >= timings.persistIntervalMs) {
        lastSave = now;
        for (const part of this.parts) if (part.completed !== part.saved) void this.save(part);
      }
    }, Math.max(10, Math.min(250, timings.stallTimeoutMs / 4, timings.persistIntervalMs)));
    const connection = async () => {
      for (let next = queue.shift(); next && failure === undefined; next = queue.shift()) {
        try {
          await this.downloadSlice(next.part, next.slice, handle, directUrl, hasher, inner.signal);
        } catch (error) {
          failure ??= error;
          inner.abort();
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: connectionsFor(this.parts.map((part) => part.record), this.options.sizing) }, connection));
    } finally {
      clearInterval(ticker);
      this.controller.signal.removeEventListener("abort", stopInner);
    }
    if (this.controller.signal.aborted) throw new TransferCancelledError();
    if (failure !== undefined) throw failure;
  }

  /** Ollama's retry rule: stalls restart for free, cancellation and a full disk stop at once, else 6 tries. */
  private async downloadSlice(part: PartProgress, slice: Slice, handle: FileHandle, directUrl: URL, hasher: FrontierHasher, signal: AbortSignal): Promise<void> {
    const { maxRetries, retryBaseDelayMs } = this.options.timings;
    for (let failures = 0; ; ) {
      if (signal.aborted) throw new TransferCancelledError();
      try {
        await this.attempt(slice, handle, directUrl, hasher, signal);
        void this.save(part);
        return;
      } catch (error) {
        void this.save(part);
        if (signal.aborted || isCancellation(error)) throw new TransferCancelledError();
        if (isDiskFull(error)) throw error;
        if (error instanceof PartStalledError) {
          this.log(`${this.short} part ${part.record.N} stalled; retrying`);
          continue;
        }
        failures++;
        if (failures >= maxRetries) throw new MaxRetriesError(error);
        const delay = retryBaseDelayMs * 2 ** (failures - 1);
        this.log(`${this.short} part ${part.record.N} attempt ${failures - 1} failed: ${errorText(error)}, retrying in ${delay} ms`);
        await sleep(delay, signal);
      }
    }
  }

  /** One ranged GET for what is missing of a slice, written at its offsets as it arrives. */
  private async attempt(slice: Slice, handle: FileHandle, directUrl: URL, hasher: FrontierHasher, signal: AbortSignal): Promise<void> {
    const attempt: Attempt = { controller: new AbortController(), startedAt: Date.now(), lastByteAt: 0, stalled: false };
    this.attempts.add(attempt);
    let position = slice.start + slice.written;
    const chunks: Buffer[] = [];
    let pending = 0;
    let writeFailed = false;
    let lastWrite = Date.now();
    const flush = async () => {
      lastWrite = attempt.lastByteAt;
      if (pending === 0) return;
      const batch = chunks.splice(0);
      const length = pending;
      pending = 0;
      try {
        // writev takes the received buffers as they are: no copy into one big buffer first.
        for (let written = 0; written < length; ) {
          const { bytesWritten } = await handle.writev(written === 0 ? batch : remainder(batch, written), position + written);
          written += bytesWritten;
        }
      } catch (error) {
        writeFailed = true;
        slice.buffered -= length;
        throw error;
      }
      position += length;
      slice.written += length;
      slice.buffered -= length;
      hasher.advance(this.frontier());
    };
    try {
      const { response, skip } = await requestRange(directUrl, position, slice.end - 1, AbortSignal.any([signal, attempt.controller.signal]));
      let toSkip = skip;
      for await (const chunk of response) {
        attempt.lastByteAt = Date.now();
        let data = chunk as Buffer;
        if (toSkip > 0) {
          const dropped = Math.min(toSkip, data.length);
          toSkip -= dropped;
          data = data.subarray(dropped);
        }
        const room = slice.end - position - pending;
        if (room <= 0) break;
        if (data.length > room) data = data.subarray(0, room);
        if (data.length === 0) continue;
        chunks.push(data);
        pending += data.length;
        slice.buffered += data.length;
        if (pending >= WRITE_CHUNK_BYTES || attempt.lastByteAt - lastWrite >= WRITE_EVERY_MS) await flush();
      }
      await flush();
      if (position < slice.end) throw new Error("unexpected EOF");
    } catch (error) {
      // Bytes that did arrive are good: keep them so the retry starts after them.
      if (!writeFailed) await flush().catch(() => {});
      if (attempt.stalled && !signal.aborted) throw new PartStalledError();
      throw transportError(error);
    } finally {
      slice.buffered -= pending;
      this.attempts.delete(attempt);
    }
  }

  /** Saves one part's progress; saves of a part run one after another so an older one never lands last. */
  private save(part: PartProgress): Promise<void> {
    const snapshot = part.snapshot();
    part.saving = part.saving
      .then(async () => {
        if (snapshot.Completed === part.saved && snapshot.Completed !== 0) return;
        await writePartFile(this.blobPath, snapshot);
        part.saved = snapshot.Completed;
      })
      .catch((error: unknown) => this.log(`saving progress of ${this.short} part ${part.record.N}: ${errorText(error)}`));
    return part.saving;
  }
}
