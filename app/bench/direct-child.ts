// node-llama-cpp used directly, in its own process, with the settings the engine uses: the benchmark's
// baseline. The bench drives it over IPC so its runs can alternate with the engine's runs.
import { readFileSync } from "node:fs";
import type { LlamaContext, LlamaContextSequence, LlamaModel, Token } from "node-llama-cpp";
import { loadLlama, llamaBinaryChoice, type LoadedLlama } from "../runtime/llama-binary.js";
import type { DirectGenerateRequest, DirectGenerateResult, DirectReply, DirectRequest } from "./direct-protocol.js";

let loaded: LoadedLlama | undefined;
let model: LlamaModel | undefined;
let context: LlamaContext | undefined;
let sequences: LlamaContextSequence[] = [];

export function processMemory(): { rssMb: number; anonMb: number; fileMb: number } {
  const status = readFileSync("/proc/self/status", "utf8");
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? 0);
  return { rssMb: kb("VmRSS") / 1024, anonMb: kb("RssAnon") / 1024, fileMb: kb("RssFile") / 1024 };
}

async function generateOn(sequence: LlamaContextSequence, request: DirectGenerateRequest): Promise<DirectGenerateResult> {
  const m = model!;
  await sequence.clearHistory();
  const s = request.sampling;
  const started = performance.now();
  const prompt = [m.tokens.bos!, ...m.tokenize(request.prompt, true)] as Token[];
  const generated: Token[] = [];
  let firstAt: number | undefined;
  let text = "";
  const iterator = sequence.evaluate(prompt, {
    temperature: s.temperature,
    topK: s.topK,
    topP: s.topP,
    minP: s.minP,
    seed: s.seed,
    repeatPenalty: {
      punishTokens: () => [...prompt.slice(-s.repeatLastN), ...generated].slice(-s.repeatLastN),
      penalty: s.repeatPenalty,
      presencePenalty: 0,
      frequencyPenalty: 0,
    },
  });
  for await (const token of iterator) {
    firstAt ??= performance.now();
    if (m.isEogToken(token)) break;
    generated.push(token);
    text += m.detokenize([token], false, generated.slice(-2, -1));
    if (generated.length >= request.maxTokens) break;
  }
  const finished = performance.now();
  return {
    promptTokens: prompt.length,
    tokens: generated.length,
    startedAt: started,
    firstTokenMs: (firstAt ?? finished) - started,
    decodeMs: finished - (firstAt ?? finished),
    textLength: text.length,
  };
}

async function handle(request: DirectRequest): Promise<unknown> {
  switch (request.op) {
    case "load": {
      const started = performance.now();
      loaded = await loadLlama(llamaBinaryChoice());
      const llamaMs = performance.now() - started;
      model = await loaded.llama.loadModel({ modelPath: request.modelPath, gpuLayers: 0 });
      context = await model.createContext({ contextSize: request.contextSize, sequences: request.sequences, threads: request.threads });
      sequences = Array.from({ length: request.sequences }, () => context!.getSequence());
      return { loadMs: performance.now() - started, llamaMs, binary: loaded.description, threads: context.currentThreads };
    }
    case "generate":
      return generateOn(sequences[0], request);
    case "parallel": {
      const started = performance.now();
      const results = await Promise.all(sequences.slice(0, request.streams).map((sequence) => generateOn(sequence, request.request)));
      return { wallMs: performance.now() - started, results };
    }
    case "memory":
      return processMemory();
    case "exit":
      await context?.dispose();
      await model?.dispose();
      await loaded?.llama.dispose();
      setImmediate(() => process.exit(0));
      return {};
  }
}

process.on("message", (request: DirectRequest) => {
  handle(request).then(
    (result) => process.send!({ id: request.id, result } satisfies DirectReply),
    (error: unknown) => process.send!({ id: request.id, error: error instanceof Error ? error.stack ?? error.message : String(error) } satisfies DirectReply),
  );
});
process.send!({ id: 0, result: "ready" } satisfies DirectReply);
