/**
 * The typed message protocol between the engine (main thread) and the llama.cpp worker thread.
 * Only the worker imports node-llama-cpp; everything here is plain data that survives postMessage.
 */

export interface LoadOptions {
  modelPath: string;
  contextSize: number;
  sequences: number;
  threads: number;
  batchSize?: number;
  useMmap?: boolean;
}

export interface SamplingOptions {
  temperature: number;
  topK: number;
  topP: number;
  minP: number;
  seed?: number;
  repeatPenalty: number;
  repeatLastN: number;
  presencePenalty: number;
  frequencyPenalty: number;
}

export type OutputFormat = { kind: "json" } | { kind: "schema"; schema: object };

export interface GenerateOptions {
  /** Token ids from an earlier answer's `context`, evaluated before the prompt text. */
  prefixTokens?: number[];
  prompt: string;
  sampling: SamplingOptions;
  /** Negative means no limit. */
  numPredict: number;
  numKeep: number;
  stop: string[];
  format?: OutputFormat;
  returnContext: boolean;
  /** Log-probabilities of each generated token, with this many alternatives (0..20). */
  logprobs?: { top: number };
}

export interface TokenLogprob {
  token: string;
  logprob: number;
  bytes: number[];
  top_logprobs?: Array<{ token: string; logprob: number; bytes: number[] }>;
}

export interface GenerateStats {
  doneReason: "stop" | "length";
  promptEvalCount: number;
  promptEvalDurationNs: number;
  evalCount: number;
  evalDurationNs: number;
  context?: number[];
}

export interface LoadedModelInfo {
  contextSize: number;
  trainedContextSize: number;
  modelSizeBytes: number;
  threads: number;
}

export interface EmbedResult {
  vectors: number[][];
  promptTokens: number;
}

export type WorkerRequest =
  | { type: "load"; id: number; options: LoadOptions }
  | { type: "unload"; id: number; handle: number }
  | {
      type: "generate";
      id: number;
      handle: number;
      options: GenerateOptions;
      /**
       * Flow control for chunk replies: an Int32Array over this buffer whose element 0 the engine raises by
       * one for each chunk it has taken in. The worker joins pieces while an earlier chunk is still unread.
       */
      flow?: SharedArrayBuffer;
    }
  | { type: "cancel"; id: number }
  | { type: "embed"; id: number; handle: number; inputs: string[]; truncate: boolean; normalize: boolean }
  | { type: "tokenize"; id: number; handle: number; text: string }
  | { type: "detokenize"; id: number; handle: number; tokens: number[] }
  | { type: "shutdown"; id: number };

export type WorkerReply =
  | { type: "ready"; id: 0; backend: string }
  | { type: "loaded"; id: number; handle: number; info: LoadedModelInfo }
  | { type: "chunk"; id: number; text: string; logprobs?: TokenLogprob[] }
  | { type: "done"; id: number; stats: GenerateStats }
  | { type: "embeddings"; id: number; result: EmbedResult }
  | { type: "tokens"; id: number; tokens: number[] }
  | { type: "text"; id: number; text: string }
  | { type: "ok"; id: number }
  | { type: "error"; id: number; message: string; status?: number };
