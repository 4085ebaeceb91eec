import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { Worker } from "node:worker_threads";

// Reads the file from where it has hashed so far up to the frontier it was last told, 4 MB at a time,
// yielding between chunks so new frontiers arrive. Plain JS so it runs as an eval'd worker under tsx too.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { openSync, readSync, closeSync } = require("node:fs");
const { createHash } = require("node:crypto");
const fd = openSync(workerData.path, "r");
const hash = createHash("sha256");
const buffer = Buffer.allocUnsafe(4 * 1024 * 1024);
let position = 0, target = 0, finishAt = -1, busy = false;
function pump() {
  busy = true;
  try {
    if (position < target) {
      const n = readSync(fd, buffer, 0, Math.min(buffer.length, target - position), position);
      if (n <= 0) throw new Error("unexpected end of file while hashing");
      hash.update(buffer.subarray(0, n));
      position += n;
      setImmediate(pump);
      return;
    }
    busy = false;
    if (finishAt >= 0 && position >= finishAt) {
      closeSync(fd);
      parentPort.postMessage({ hex: hash.digest("hex") });
    }
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) });
  }
}
parentPort.on("message", (message) => {
  if (message.upTo > target) target = message.upTo;
  if (message.finish !== undefined) { finishAt = message.finish; target = Math.max(target, finishAt); }
  if (!busy) pump();
});
`;

/**
 * SHA-256 of a file that is being filled by parallel parts. The bytes from 0 up to the first gap (the
 * frontier) are final, so they are hashed on a worker thread while the rest still downloads: verifying
 * a blob then costs almost nothing after its last byte arrives, without holding the main thread.
 */
export interface FrontierHasher {
  /** Bytes [0, upTo) are written and will not change. */
  advance(upTo: number): void;
  /** Hashes whatever is left up to total and returns "sha256:<hex>". */
  finish(total: number): Promise<string>;
  dispose(): void;
}

class WorkerHasher implements FrontierHasher {
  private readonly worker: Worker;
  private readonly result: Promise<string>;
  private sent = 0;

  constructor(path: string) {
    // execArgv: [] keeps loaders such as tsx out of the worker: it needs none, and loading one costs more than hashing.
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path }, execArgv: [] });
    this.result = new Promise<string>((resolve, reject) => {
      this.worker.once("message", (message: { hex?: string; error?: string }) => {
        if (message.hex) resolve(`sha256:${message.hex}`);
        else reject(new Error(message.error ?? "hashing failed"));
      });
      this.worker.once("error", reject);
      this.worker.once("exit", () => reject(new Error("hash worker stopped")));
    });
    this.result.catch(() => {});
  }

  advance(upTo: number): void {
    if (upTo <= this.sent) return;
    this.sent = upTo;
    this.worker.postMessage({ upTo });
  }

  async finish(total: number): Promise<string> {
    this.worker.postMessage({ finish: total });
    try {
      return await this.result;
    } finally {
      this.dispose();
    }
  }

  dispose(): void {
    void this.worker.terminate();
  }
}

/** Small blobs are hashed at the end on the main thread: a worker costs more to start than they take to hash. */
class InlineHasher implements FrontierHasher {
  constructor(private readonly path: string) {}

  advance(): void {}

  async finish(total: number): Promise<string> {
    const hash = createHash("sha256");
    if (total > 0) for await (const chunk of createReadStream(this.path, { start: 0, end: total - 1 })) hash.update(chunk as Buffer);
    return `sha256:${hash.digest("hex")}`;
  }

  dispose(): void {}
}

const WORKER_THRESHOLD_BYTES = 32 * 1024 * 1024;

export function createFrontierHasher(path: string, total: number): FrontierHasher {
  return total >= WORKER_THRESHOLD_BYTES ? new WorkerHasher(path) : new InlineHasher(path);
}
