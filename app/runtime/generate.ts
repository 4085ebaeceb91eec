import { LlamaGrammarEvaluationState, type LlamaGrammar, type Token } from "node-llama-cpp";
import type { LoadedModel } from "./loaded-model.js";
import type { GenerateOptions, GenerateStats, TokenLogprob } from "./protocol.js";
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
  onText: (text: string, logprobs?: TokenLogprob[]) => void,
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
    // Detokenizing after the prompt keeps a first token's leading space, as llama.cpp's pieces do.
    let emittedTail: Token[] = prompt.slice(-DETOKENIZE_CONTEXT);
    let doneReason: GenerateStats["doneReason"] = "stop";
    const started = nowNs();
    let firstTokenAt: bigint | undefined;
    const { sampling } = options;
    const repeatLastN = sampling.repeatLastN < 0 ? loaded.context.contextSize : sampling.repeatLastN;
    const usesRepeatPenalty =
      repeatLastN > 0 && (sampling.repeatPenalty !== 1 || sampling.presencePenalty !== 0 || sampling.frequencyPenalty !== 0);

    // Log-probabilities wait here until the text they belong to is sent.
    let pendingLogprobs: TokenLogprob[] = [];
    const send = (text: string) => {
      if (pendingLogprobs.length > 0) {
        onText(text, pendingLogprobs);
        pendingLogprobs = [];
      } else onText(text);
    };
    const emitHeld = (final: boolean): boolean => {
      if (held.length === 0) return false;
      const text = model.detokenize(held, false, emittedTail);
      if (!final && text.endsWith("\uFFFD") && held.length < MAX_HELD_TOKENS) return false;
      emittedTail = [...emittedTail, ...held].slice(-DETOKENIZE_CONTEXT);
      held = [];
      const { emit, stopped } = filter.push(text);
      if (emit) send(emit);
      return stopped;
    };

    if (!isCancelled()) {
      const evaluateOptions = {
        evaluationPriority: loaded.batchPriority(sequence),
        temperature: sampling.temperature,
        topK: sampling.topK,
        topP: sampling.topP,
        minP: sampling.minP,
        seed: sampling.seed,
        grammarEvaluationState: grammar ? new LlamaGrammarEvaluationState({ model, grammar }) : undefined,
        repeatPenalty: usesRepeatPenalty
          ? {
              punishTokens: () => lastTokens(prompt, generated, repeatLastN),
              penalty: sampling.repeatPenalty,
              presencePenalty: sampling.presencePenalty,
              frequencyPenalty: sampling.frequencyPenalty,
            }
          : undefined,
      };
      const withLogprobs = options.logprobs !== undefined;
      const iterator = sequence.evaluateWithMetadata(toEvaluate, { probabilities: withLogprobs }, evaluateOptions);
      const { lockstep } = loaded;
      let inStep = false;
      try {
        for await (const output of iterator) {
          const token = output.token;
          if (withLogprobs && "probabilities" in output) {
            const before = generated.length > 0 ? generated.slice(-1) : prompt.slice(-1);
            pendingLogprobs.push(tokenLogprob(model, token, output.probabilities as Map<Token, number>, options.logprobs!.top, before));
          }
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
          // The next token is asked for together with the other generations on this model (one batch for all).
          if (!inStep) {
            lockstep.join();
            inStep = true;
          }
          const turn = lockstep.arrive();
          if (turn) {
            await turn;
            if (isCancelled()) break;
          }
        }
      } finally {
        if (inStep) lockstep.leave();
      }
    }
    const stoppedOnFlush = emitHeld(true);
    if (!stoppedOnFlush) {
      const rest = filter.flush();
      if (rest) send(rest);
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

/** The last n tokens of prompt followed by generated, without copying the whole prompt every token. */
export function lastTokens(prompt: readonly Token[], generated: readonly Token[], n: number): Token[] {
  if (generated.length >= n) return generated.slice(generated.length - n);
  return [...prompt.slice(Math.max(0, prompt.length - (n - generated.length))), ...generated];
}

/** A token's text as it reads after the one before it (SentencePiece drops a leading space otherwise). */
function tokenText(model: LoadedModel["model"], token: Token, before: Token[]): { token: string; bytes: number[] } {
  const text = model.detokenize([token], true, before);
  return { token: text, bytes: [...Buffer.from(text)] };
}

/** The chosen token's log-probability and the most likely alternatives, as Ollama reports them. */
function tokenLogprob(model: LoadedModel["model"], token: Token, probabilities: Map<Token, number>, top: number, before: Token[]): TokenLogprob {
  const entry: TokenLogprob = { ...tokenText(model, token, before), logprob: Math.log(probabilities.get(token) ?? Number.MIN_VALUE) };
  if (top > 0) {
    entry.top_logprobs = [...probabilities.entries()]
      .slice(0, top)
      .map(([candidate, probability]) => ({ ...tokenText(model, candidate, before), logprob: Math.log(probability) }));
  }
  return entry;
}
