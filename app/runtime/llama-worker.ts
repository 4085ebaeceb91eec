import { parentPort } from "node:worker_threads";
import { LlamaLogLevel, type Llama } from "node-llama-cpp";
import { ChunkCoalescer, STREAM_INTERVAL_MS } from "./chunk-coalescer.js";
import { generate } from "./generate.js";
import { llamaBinaryChoice, loadLlama } from "./llama-binary.js";
import { LoadedModel } from "./loaded-model.js";
import type { WorkerReply, WorkerRequest } from "./protocol.js";

// This file is the only place that runs llama.cpp. It lives on a worker thread so the HTTP side never
// waits on model work; every reply is tagged with the id of the request it answers.

const port = parentPort!;
const models = new Map<number, LoadedModel>();
const cancelled = new Set<number>();
const running = new Set<number>();
let nextHandle = 1;
// PADDOCK_STREAM_INTERVAL_MS=0 sends every piece as soon as the engine has read the previous one.
const streamIntervalMs = Math.max(0, Number(process.env.PADDOCK_STREAM_INTERVAL_MS ?? STREAM_INTERVAL_MS) || 0);
let shuttingDown = false;

function reply(message: WorkerReply): void {
  port.postMessage(message);
}

// A local build (npm run build:llama: OpenMP, native CPU flags) when present, else the prebuilt binary;
// never a download or a compile. The ready reply says which, for the engine's "runtime:" log line.
const loaded = await loadLlama(llamaBinaryChoice(), {
  logLevel: LlamaLogLevel.error,
  logger: (level, message) => {
    if (level === LlamaLogLevel.error || level === LlamaLogLevel.fatal) process.stderr.write(`[llama.cpp] ${message}\n`);
  },
});
const llama: Llama = loaded.llama;
reply({ type: "ready", id: 0, backend: loaded.description });

function modelFor(handle: number): LoadedModel {
  const loaded = models.get(handle);
  if (!loaded) throw new Error(`model handle ${handle} is not loaded`);
  return loaded;
}

function normalise(vector: readonly number[]): number[] {
  const norm = Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
  return norm === 0 ? [...vector] : vector.map((value) => value / norm);
}

async function handle(request: WorkerRequest): Promise<void> {
  switch (request.type) {
    case "load": {
      const loaded = await LoadedModel.load(llama, request.options);
      const handle = nextHandle++;
      models.set(handle, loaded);
      reply({
        type: "loaded",
        id: request.id,
        handle,
        info: {
          contextSize: loaded.context.contextSize,
          trainedContextSize: loaded.model.trainContextSize,
          modelSizeBytes: loaded.model.size,
          threads: loaded.context.currentThreads,
        },
      });
      return;
    }
    case "unload": {
      const loaded = models.get(request.handle);
      models.delete(request.handle);
      await loaded?.dispose();
      reply({ type: "ok", id: request.id });
      return;
    }
    case "generate": {
      running.add(request.id);
      // The first piece goes out at once; later ones are joined into a message every STREAM_INTERVAL_MS,
      // or while the engine has not read the previous one (see ChunkCoalescer).
      const chunks = new ChunkCoalescer(
        request.flow,
        (text, logprobs) => reply({ type: "chunk", id: request.id, text, ...(logprobs ? { logprobs } : {}) }),
        streamIntervalMs,
      );
      try {
        const stats = await generate(
          modelFor(request.handle),
          request.options,
          (text, logprobs) => chunks.push(text, logprobs),
          () => cancelled.has(request.id) || shuttingDown,
        );
        chunks.flush();
        reply({ type: "done", id: request.id, stats });
      } finally {
        running.delete(request.id);
        cancelled.delete(request.id);
      }
      return;
    }
    case "cancel":
      if (running.has(request.id)) cancelled.add(request.id);
      return;
    case "embed": {
      const loaded = modelFor(request.handle);
      const context = await loaded.embeddings();
      const limit = Math.min(loaded.options.contextSize, loaded.model.trainContextSize);
      const vectors: number[][] = [];
      let promptTokens = 0;
      for (const input of request.inputs) {
        let tokens = loaded.model.tokenize(input, true);
        // An empty input still gets a vector: the one for the start-of-text token alone.
        if (tokens.length === 0 && loaded.model.tokens.bos !== null) tokens = [loaded.model.tokens.bos];
        if (tokens.length > limit) {
          if (!request.truncate) throw Object.assign(new Error("the input length exceeds the context length"), { status: 400 });
          tokens = tokens.slice(0, limit);
        }
        promptTokens += tokens.length;
        const embedding = await context.getEmbeddingFor(tokens);
        if (embedding.vector.some((value) => !Number.isFinite(value))) throw new Error("embedding contains NaN or Inf values");
        vectors.push(request.normalize ? normalise(embedding.vector) : [...embedding.vector]);
      }
      reply({ type: "embeddings", id: request.id, result: { vectors, promptTokens } });
      return;
    }
    case "tokenize":
      reply({ type: "tokens", id: request.id, tokens: modelFor(request.handle).model.tokenize(request.text, true) });
      return;
    case "detokenize":
      reply({ type: "text", id: request.id, text: modelFor(request.handle).model.detokenize(request.tokens as never, true) });
      return;
    case "shutdown":
      shuttingDown = true;
      // Let running generations see the flag and return before their contexts go away.
      while (running.size > 0) await new Promise((resolve) => setTimeout(resolve, 5));
      for (const loaded of models.values()) await loaded.dispose();
      models.clear();
      await llama.dispose();
      reply({ type: "ok", id: request.id });
      port.removeAllListeners("message");
      port.unref();
      return;
  }
}

port.on("message", (request: WorkerRequest) => {
  handle(request).catch((error: unknown) => {
    const status = (error as { status?: number }).status;
    reply({ type: "error", id: request.id, message: error instanceof Error ? error.message : String(error), status });
  });
});
