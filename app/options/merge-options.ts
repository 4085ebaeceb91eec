// Layering of options: request > model parameters > defaults (§10.2, §10.3),
// as Ollama's modelOptions does with two FromMap passes over the defaults.

import type { ModelOptions } from './option-table.js';
import { parseOptions } from './parse-options.js';

export interface MergeContext {
  /**
   * Whether the model ships a draft model. Without one, Ollama sets
   * draft_num_predict to 0 unless a layer set it explicitly.
   */
  hasDraftModel?: boolean;
}

function hasKey(layer: unknown, key: string): boolean {
  return typeof layer === 'object' && layer !== null && Object.hasOwn(layer, key);
}

/**
 * Both layers may be raw decoded maps (a model's params blob, a request's
 * `options`) or already-parsed partials; each goes through parseOptions, so
 * a type error in either throws the same OptionError Ollama reports.
 */
export function mergeOptions(
  defaults: ModelOptions,
  modelParams: unknown,
  request: unknown,
  context: MergeContext = {},
): ModelOptions {
  const merged: ModelOptions = {
    ...defaults,
    ...parseOptions(modelParams).options,
    ...parseOptions(request).options,
  };
  if (merged.stop) merged.stop = [...merged.stop];

  // Ollama checks key presence (even a null value counts) before FromMap drops nulls.
  const draftSet = hasKey(modelParams, 'draft_num_predict') || hasKey(request, 'draft_num_predict');
  if (!context.hasDraftModel && !draftSet) merged.draft_num_predict = 0;
  return merged;
}
