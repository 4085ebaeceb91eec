// Ollama's option fields (api.Options + api.Runner), their JSON types and
// defaults (api.DefaultOptions), §10.1.

/** Request/Modelfile options with Ollama's snake_case JSON keys. */
export interface ModelOptions {
  // Load-time (runner) options: a different value on a loaded model reloads it.
  num_ctx: number;
  num_batch: number;
  num_gpu: number;
  main_gpu?: number;
  use_mmap?: boolean;
  num_thread: number;
  draft_num_predict: number;
  // Predict options: applied per request, never reload.
  num_keep: number;
  seed: number;
  num_predict: number;
  top_k: number;
  top_p: number;
  min_p: number;
  typical_p: number;
  repeat_last_n: number;
  temperature: number;
  repeat_penalty: number;
  presence_penalty: number;
  frequency_penalty: number;
  stop?: string[];
}

export type OptionKey = keyof ModelOptions;

/** Go field kinds: they decide the type check and the error wording. */
export type OptionKind = 'int' | 'float' | 'bool' | 'strings';

/** In Go struct order (Runner first), which is also the order errors would surface in. */
export const OPTION_KINDS: Readonly<Record<OptionKey, OptionKind>> = {
  num_ctx: 'int',
  num_batch: 'int',
  num_gpu: 'int',
  main_gpu: 'int',
  use_mmap: 'bool',
  num_thread: 'int',
  draft_num_predict: 'int',
  num_keep: 'int',
  seed: 'int',
  num_predict: 'int',
  top_k: 'int',
  top_p: 'float',
  min_p: 'float',
  typical_p: 'float',
  repeat_last_n: 'int',
  temperature: 'float',
  repeat_penalty: 'float',
  presence_penalty: 'float',
  frequency_penalty: 'float',
  stop: 'strings',
};

/** Options whose change forces a model reload (§15.3). */
export const LOAD_TIME_OPTIONS: readonly OptionKey[] = [
  'num_ctx',
  'num_batch',
  'num_gpu',
  'main_gpu',
  'use_mmap',
  'num_thread',
  'draft_num_predict',
];

/**
 * Modelfile PARAMETER names that Ollama drops with a warning instead of
 * rejecting (parser.deprecatedParameters). Other removed options such as
 * `numa` or `tfs_z` are plain unknown parameters there.
 */
export const DEPRECATED_PARAMETERS: readonly string[] = [
  'penalize_newline',
  'low_vram',
  'f16_kv',
  'logits_all',
  'vocab_only',
  'use_mlock',
  'mirostat',
  'mirostat_tau',
  'mirostat_eta',
];

export function isOptionKey(key: string): key is OptionKey {
  return Object.hasOwn(OPTION_KINDS, key);
}

/**
 * api.DefaultOptions. `numCtx` is the server default (OLLAMA_CONTEXT_LENGTH or
 * the VRAM tier, §10.2). draft_num_predict is 4 here as in Ollama;
 * mergeOptions zeroes it for models without a draft model.
 */
export function defaultOptions(numCtx = 4096): ModelOptions {
  return {
    num_ctx: numCtx,
    num_batch: 512,
    num_gpu: -1,
    num_thread: 0,
    draft_num_predict: 4,
    num_keep: 4,
    seed: -1,
    num_predict: -1,
    top_k: 40,
    top_p: 0.9,
    min_p: 0,
    typical_p: 1,
    repeat_last_n: 64,
    temperature: 0.8,
    repeat_penalty: 1,
    presence_penalty: 0,
    frequency_penalty: 0,
  };
}
