import { defaultOptions, mergeOptions, type ModelOptions } from "../options/options.js";
import type { OutputFormat, SamplingOptions } from "../runtime/protocol.js";
import { defaultThreads, type LoadSettings } from "../scheduler/scheduler.js";
import { ApiError } from "../server/api-error.js";

/** Request options over the model's PARAMETERs over Ollama's defaults (num_ctx from settings). */
export function effectiveOptions(contextLength: number, modelParams: unknown, requestOptions: unknown): ModelOptions {
  const options = mergeOptions(defaultOptions(contextLength > 0 ? contextLength : 4096), modelParams, requestOptions);
  options.num_ctx = Math.max(options.num_ctx, 4);
  return options;
}

export function loadSettingsFor(options: ModelOptions, modelBytes: number): LoadSettings {
  return {
    numCtx: options.num_ctx,
    numThread: options.num_thread > 0 ? options.num_thread : defaultThreads(modelBytes),
    numBatch: options.num_batch > 0 ? options.num_batch : undefined,
    useMmap: options.use_mmap,
  };
}

export function samplingFor(options: ModelOptions): SamplingOptions {
  return {
    temperature: options.temperature,
    topK: options.top_k,
    topP: options.top_p,
    minP: options.min_p,
    seed: options.seed >= 0 ? options.seed : undefined,
    repeatPenalty: options.repeat_penalty,
    repeatLastN: options.repeat_last_n,
    presencePenalty: options.presence_penalty,
    frequencyPenalty: options.frequency_penalty,
  };
}

/** Go's %q of a string, enough for the format error text. */
function goQuoted(text: string): string {
  return JSON.stringify(text);
}

/** "json", a JSON-schema object, or nothing; anything else is Ollama's invalid-format error (400 here, 500 in Ollama). */
export function outputFormat(format: unknown): OutputFormat | undefined {
  if (format === undefined || format === null || format === "") return undefined;
  if (format === "json") return { kind: "json" };
  if (typeof format === "object" && !Array.isArray(format)) return { kind: "schema", schema: format };
  throw new ApiError(400, `invalid format: ${goQuoted(JSON.stringify(format))}; expected "json" or a valid JSON Schema object`);
}
