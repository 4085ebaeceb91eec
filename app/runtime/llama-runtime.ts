import { Worker } from "node:worker_threads";
import type {
  EmbedResult,
  GenerateOptions,
  GenerateStats,
  LoadedModelInfo,
  LoadOptions,
  TokenLogprob,
  WorkerReply,
  WorkerRequest,
} from "./protocol.js";

type RequestBody<T> = T extends { id: number } ? Omit<T, "id"> : never;

export class RuntimeError extends Error {
  constructor(message: string, readonly status = 500) {
    super(message);
  }
}

interface Pending {
  resolve: (reply: WorkerReply) => void;
  reject: (error: Error) => void;
  onChunk?: (text: string, logprobs?: TokenLogprob[]) => void;
  /** Counts the chunks taken in, shared with the worker (see ChunkCoalescer). */
  flow?: Int32Array;
}

function spawnWorker(): Worker {
  const entry = new URL(import.meta.url.endsWith(".ts") ? "./llama-worker.ts" : "./llama-worker.js", import.meta.url);
  if (entry.pathname.endsWith(".ts")) {
    return new Worker(new URL("./worker-bootstrap.mjs", import.meta.url), { workerData: { entry: entry.href } });
  }
  return new Worker(entry);
}

/**
 * The engine's side of the llama.cpp worker thread: typed calls that resolve when the worker answers.
 * If the worker dies, every call in flight fails and onExit tells the owner that all models are gone.
 */
export class LlamaRuntime {
  private worker?: Worker;
  private ready?: Promise<string>;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  onExit?: () => void;

  /** Starts the worker if needed; resolves with a description of the llama.cpp backend in use. */
  start(): Promise<string> {
    if (this.ready) return this.ready;
    const worker = spawnWorker();
    this.worker = worker;
    this.ready = new Promise<string>((resolve, reject) => {
      const onReady = (message: WorkerReply) => {
        if (message.type === "ready") {
          worker.off("message", onReady);
          resolve(message.backend);
        }
      };
      worker.on("message", onReady);
      worker.once("error", reject);
      worker.once("exit", (code) => reject(new RuntimeError(`llama runner process has terminated: exit code ${code}`)));
    });
    worker.on("message", (message: WorkerReply) => this.dispatch(message));
    worker.on("error", (error) => process.stderr.write(`llama worker error: ${error.stack ?? error}\n`));
    worker.on("exit", (code) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.ready = undefined;
      const error = new RuntimeError(`llama runner process has terminated: exit code ${code}`);
      for (const pending of this.pending.values()) pending.reject(error);
      this.pending.clear();
      this.onExit?.();
    });
    return this.ready;
  }

  private dispatch(message: WorkerReply): void {
    const pending = this.pending.get(message.id);
    if (!pending) return;
    if (message.type === "chunk") {
      pending.onChunk?.(message.text, message.logprobs);
      if (pending.flow) Atomics.add(pending.flow, 0, 1);
      return;
    }
    this.pending.delete(message.id);
    if (message.type === "error") pending.reject(new RuntimeError(message.message, message.status ?? 500));
    else pending.resolve(message);
  }

  private async call(body: RequestBody<WorkerRequest>, onChunk?: Pending["onChunk"], id = this.nextId++, flow?: Int32Array): Promise<WorkerReply> {
    await this.start();
    const worker = this.worker!;
    return new Promise<WorkerReply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onChunk, flow });
      worker.postMessage({ ...body, id } as WorkerRequest);
    });
  }

  async load(options: LoadOptions): Promise<{ handle: number; info: LoadedModelInfo }> {
    const reply = await this.call({ type: "load", options });
    if (reply.type !== "loaded") throw new RuntimeError("unexpected reply to load");
    return { handle: reply.handle, info: reply.info };
  }

  async unload(handle: number): Promise<void> {
    if (!this.worker) return;
    await this.call({ type: "unload", handle });
  }

  /** Streams text through onText; aborting the signal stops generation and resolves with the stats so far. */
  async generate(handle: number, options: GenerateOptions, onText: NonNullable<Pending["onChunk"]>, signal?: AbortSignal): Promise<GenerateStats> {
    const id = this.nextId++;
    const cancel = () => this.worker?.postMessage({ type: "cancel", id } satisfies WorkerRequest);
    signal?.addEventListener("abort", cancel, { once: true });
    try {
      const flow = new Int32Array(new SharedArrayBuffer(4));
      const reply = await this.call({ type: "generate", handle, options, flow: flow.buffer as SharedArrayBuffer }, onText, id, flow);
      if (reply.type !== "done") throw new RuntimeError("unexpected reply to generate");
      return reply.stats;
    } finally {
      signal?.removeEventListener("abort", cancel);
    }
  }

  async embed(handle: number, inputs: string[], truncate: boolean, normalize = true): Promise<EmbedResult> {
    const reply = await this.call({ type: "embed", handle, inputs, truncate, normalize });
    if (reply.type !== "embeddings") throw new RuntimeError("unexpected reply to embed");
    return reply.result;
  }

  async tokenize(handle: number, text: string): Promise<number[]> {
    const reply = await this.call({ type: "tokenize", handle, text });
    if (reply.type !== "tokens") throw new RuntimeError("unexpected reply to tokenize");
    return reply.tokens;
  }

  async detokenize(handle: number, tokens: number[]): Promise<string> {
    const reply = await this.call({ type: "detokenize", handle, tokens });
    if (reply.type !== "text") throw new RuntimeError("unexpected reply to detokenize");
    return reply.text;
  }

  /** Stops generations, frees every model and lets the worker exit on its own (terminate() can abort the process). */
  async shutdown(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
    await this.call({ type: "shutdown" }).catch(() => undefined);
    this.worker = undefined;
    this.ready = undefined;
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
  }
}
