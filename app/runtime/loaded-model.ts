import type { Llama, LlamaContext, LlamaContextSequence, LlamaEmbeddingContext, LlamaModel, Token } from "node-llama-cpp";
import type { LoadOptions } from "./protocol.js";

/**
 * One model in memory with one context whose sequences serve parallel requests. Idle sequences keep
 * their KV cache so a request that shares a prompt prefix with an earlier one evaluates only the rest.
 */
export class LoadedModel {
  private readonly idle: LlamaContextSequence[] = [];
  private created = 0;
  private embeddingContext?: Promise<LlamaEmbeddingContext>;

  private constructor(
    readonly llama: Llama,
    readonly model: LlamaModel,
    readonly context: LlamaContext,
    readonly options: LoadOptions,
  ) {}

  static async load(llama: Llama, options: LoadOptions): Promise<LoadedModel> {
    const model = await llama.loadModel({ modelPath: options.modelPath, useMmap: options.useMmap, gpuLayers: 0 });
    try {
      const context = await model.createContext({
        contextSize: Math.min(options.contextSize, model.trainContextSize),
        sequences: options.sequences,
        threads: options.threads,
        batchSize: options.batchSize,
      });
      return new LoadedModel(llama, model, context, options);
    } catch (error) {
      await model.dispose();
      throw error;
    }
  }

  /** The idle sequence whose cached tokens share the longest prefix with the prompt, or a fresh one. */
  takeSequence(promptTokens: Token[]): LlamaContextSequence {
    let best = -1;
    let bestShared = -1;
    this.idle.forEach((sequence, index) => {
      const shared = sequence.compareContextTokens(promptTokens).firstDifferentIndex;
      if (shared > bestShared) {
        best = index;
        bestShared = shared;
      }
    });
    if (best !== -1 && (bestShared > 0 || this.created >= this.context.totalSequences)) {
      return this.idle.splice(best, 1)[0];
    }
    if (this.created < this.context.totalSequences) {
      this.created++;
      return this.context.getSequence();
    }
    throw new Error("no free sequence: the engine's slot accounting is wrong");
  }

  giveBack(sequence: LlamaContextSequence): void {
    if (!sequence.disposed) this.idle.push(sequence);
  }

  embeddings(): Promise<LlamaEmbeddingContext> {
    this.embeddingContext ??= this.model.createEmbeddingContext({
      contextSize: Math.min(this.options.contextSize, this.model.trainContextSize),
      threads: this.options.threads,
    });
    return this.embeddingContext;
  }

  async dispose(): Promise<void> {
    if (this.embeddingContext) await (await this.embeddingContext.catch(() => undefined))?.dispose();
    await this.context.dispose();
    await this.model.dispose();
  }
}
