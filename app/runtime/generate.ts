import { LlamaGrammarEvaluationState, type LlamaGrammar, type Token } from "node-llama-cpp";
import type { LoadedModel } from "./loaded-model.js";
import type { GenerateOptions, GenerateStats } from "./protocol.js";
import { StopSequenceFilter } from "./stop-sequences.js";

const MAX_HELD_TOKENS = 4;
const DETOKENIZE_CONTEXT = 8;

function nowNs(): bigint {
  return process.hrtime.bigint();
}

/** Prompt tokens with BOS where the model wants it, cut to fit the context (keeping the first numKeep). */
export function promptTokens(loaded: LoadedModel, options: GenerateOptions): Token[] {
  const { model } = loaded;
  const prefix = (options.prefixTokens ?? []) as Token[];
  let tokens = [...prefix, ...model.tokenize(options.prompt, true)];
  const bos = model.tokens.bos;
  if (prefix.length === 0 && bos !== null && model.tokens.shouldPrependBosToken && tokens[0] !== bos) {
    tokens.unshift(bos);
  }
  if (tokens.length === 0 && bos !== null) tokens = [bos];
  const limit = loaded.context.contextSize;
  if (tokens.length >= limit) {
    const keep = Math.min(Math.max(options.numKeep, 0), Math.floor(limit / 4));
    const tail = Math.floor(limit / 2) - keep;
    tokens = [...tokens.slice(0, keep), ...tokens.slice(tokens.length - tail)];
  }
  return tokens;
}

export async function loadGrammar(loaded: LoadedModel, options: GenerateOptions): Promise<LlamaGrammar | undefined> {
  if (!options.format) return undefined;
  if (options.format.kind === "json") return loaded.llama.getGrammarFor("json");
  // The schema arrives from the network as plain JSON; node-llama-cpp validates what it supports.
  return loaded.llama.createGrammarForJsonSchema(options.format.schema as never);
}

/**
 * Runs one generation on one sequence, streaming text pieces through onText. Stops on an end-of-generation
 * token, a stop sequence, num_predict, or when isCancelled() turns true.
 */
export async function generate(
  loaded: LoadedModel,
  options: GenerateOptions,
  onText: (text: string) => void,
  isCancelled: () => boolean,
): Promise<GenerateStats> {
  const { model } = loaded;
  const grammar = await loadGrammar(loaded, options);
  const prompt = promptTokens(loaded, options);
  const sequence = loaded.takeSequence(prompt);
  try {
    const reused = Math.min(sequence.compareContextTokens(prompt).firstDifferentIndex, prompt.length - 1);
    if (reused < sequence.nextTokenIndex) {
      await sequence.eraseContextTokenRanges([{ start: reused, end: sequence.nextTokenIndex }]);
    }
    const toEvaluate = prompt.slice(reused);
    const filter = new StopSequenceFilter(options.stop);
    const generated: Token[] = [];
    let held: Token[] = [];
    let emittedTail: Token[] = [];
    let doneReason: GenerateStats["doneReason"] = "stop";
    const started = nowNs();
    let firstTokenAt: bigint | undefined;
    const { sampling } = options;
    const repeatLastN = sampling.repeatLastN < 0 ? loaded.context.contextSize : sampling.repeatLastN;
    const usesRepeatPenalty =
      repeatLastN > 0 && (sampling.repeatPenalty !== 1 || sampling.presencePenalty !== 0 || sampling.frequencyPenalty !== 0);

    const emitHeld = (final: boolean): boolean => {
      if (held.length === 0) return false;
      const text = model.detokenize(held, false, emittedTail);
      if (!final && text.endsWith("\uFFFD") && held.length < MAX_HELD_TOKENS) return false;
      emittedTail = [...emittedTail, ...held].slice(-DETOKENIZE_CONTEXT);
      held = [];
      const { emit, stopped } = filter.push(text);
      if (emit) onText(emit);
      return stopped;
    };

    if (!isCancelled()) {
      const iterator = sequence.evaluate(toEvaluate, {
        temperature: sampling.temperature,
        topK: sampling.topK,
        topP: sampling.topP,
        minP: sampling.minP,
        seed: sampling.seed,
        grammarEvaluationState: grammar ? new LlamaGrammarEvaluationState({ model, grammar }) : undefined,
        repeatPenalty: usesRepeatPenalty
          ? {
              punishTokens: () => [...prompt, ...generated].slice(-repeatLastN),
              penalty: sampling.repeatPenalty,
              presencePenalty: sampling.presencePenalty,
              frequencyPenalty: sampling.frequencyPenalty,
            }
          : undefined,
      });
      for await (const token of iterator) {
        firstTokenAt ??= nowNs();
        if (model.isEogToken(token)) break;
        generated.push(token);
        held.push(token);
        if (emitHeld(false)) break;
        if (options.numPredict >= 0 && generated.length >= options.numPredict) {
          doneReason = "length";
          break;
        }
        if (isCancelled()) break;
      }
    }
    const stoppedOnFlush = emitHeld(true);
    if (!stoppedOnFlush) {
      const rest = filter.flush();
      if (rest) onText(rest);
    }
    const finished = nowNs();
    const promptDone = firstTokenAt ?? finished;
    return {
      doneReason,
      promptEvalCount: toEvaluate.length,
      promptEvalDurationNs: Number(promptDone - started),
      evalCount: generated.length,
      evalDurationNs: Number(finished - promptDone),
      context: options.returnContext ? [...prompt, ...generated] : undefined,
    };
  } finally {
    loaded.giveBack(sequence);
  }
}
