/** Messages between the bench and its direct node-llama-cpp child (direct-child.ts). */

export interface BenchSampling {
  temperature: number;
  topK: number;
  topP: number;
  minP: number;
  seed: number;
  repeatPenalty: number;
  repeatLastN: number;
}

export interface DirectGenerateRequest {
  prompt: string;
  maxTokens: number;
  sampling: BenchSampling;
}

export type DirectRequest =
  | { id: number; op: "load"; modelPath: string; contextSize: number; sequences: number; threads: number }
  | ({ id: number; op: "generate" } & DirectGenerateRequest)
  | { id: number; op: "parallel"; streams: number; request: DirectGenerateRequest }
  | { id: number; op: "memory" }
  | { id: number; op: "exit" };

export type DirectReply = { id: number; result?: unknown; error?: string };

export interface DirectGenerateResult {
  promptTokens: number;
  tokens: number;
  startedAt: number;
  firstTokenMs: number;
  decodeMs: number;
  textLength: number;
}

export interface DirectLoadResult {
  loadMs: number;
  llamaMs: number;
  binary: string;
  threads: number;
}
