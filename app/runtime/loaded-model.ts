import type { EvaluationPriority, Llama, LlamaContext, LlamaContextSequence, LlamaEmbeddingContext, LlamaModel, Token } from "node-llama-cpp";
import { sequenceOrderPriority, sequenceOrderStrategy, type BatchCounts } from "./batch-order.js";
import { Lockstep } from "./lockstep.js";
import type { LoadOptions } from "./protocol.js";

/**
 * One model in memory with one context whose sequences serve parallel requests. Idle sequences keep
 * their KV cache so a request that shares a prompt prefix with an earlier one evaluates only the rest.
 * Generations on its sequences decode in step (see Lockstep) and in sequence order (see batch-order.ts).
 */
export class LoadedModel {
  private readonly idle: LlamaContextSequence[] = [];
  /** Each sequence's place: node-llama-cpp hands out sequence ids 0, 1, 2... in the order they are first taken. */
  private readonly places = new Map<LlamaContextSequence, number>();
  private embeddingContext?: Promise<LlamaEmbeddingContext>;
  readonly lockstep = new Lockstep();

  private constructor(
    readonly llama: Llama,
    readonly model: LlamaModel,
    readonly context: LlamaContext,
    readonly options: LoadOptions,
    /** Decode batches and the queued decodes they carried (a batch of 4 streams in step carries 4). */
    readonly batchCounts: BatchCounts,
  ) {}

  static async load(llama: Llama, options: LoadOptions): Promise<LoadedModel> {
    const model = await llama.loadModel({ modelPath: options.modelPath, useMmap: options.useMmap, gpuLayers: 0 });
    try {
      const batchCounts: BatchCounts = { batches: 0, items: 0 };
      const context = await model.createContext({
        contextSize: Math.min(options.contextSize, model.trainContextSize),
        sequences: options.sequences,
        threads: options.threads,
        batchSize: options.batchSize,
        batching: { itemPrioritizationStrategy: sequenceOrderStrategy(batchCounts) },
      });
      return new LoadedModel(llama, model, context, options, batchCounts);
    } catch (error) {
      await model.dispose();
      throw error;
    }
  }

  /**
   * The idle sequence whose cached tokens share the longest prefix with the prompt, or a fresh one. Among
   * equals the lowest place wins, so the sequences in use stay together (a gap splits every batch in two).
   */
  takeSequence(promptTokens: Token[]): LlamaContextSequence {
    let best = -1;
    let bestShared = -1;
    this.idle.forEach((sequence, index) => {
      const shared = sequence.compareContextTokens(promptTokens).firstDifferentIndex;
      if (shared > bestShared || (shared === bestShared && this.placeOf(sequence) < this.placeOf(this.idle[best]))) {
        best = index;
        bestShared = shared;
      }
    });
    if (best !== -1 && (bestShared > 0 || this.places.size >= this.context.totalSequences)) {
      return this.idle.splice(best, 1)[0];
    }
    if (this.places.size < this.context.totalSequences) {
      const sequence = this.context.getSequence();
      this.places.set(sequence, this.places.size);
      return sequence;
    }
    throw new Error("no free sequence: the engine's slot accounting is wrong");
  }

  private placeOf(sequence: LlamaContextSequence | undefined): number {
    return (sequence && this.places.get(sequence)) ?? 0;
  }

  /** The evaluationPriority a generation on this sequence passes, so batches list sequences in order. */
  batchPriority(sequence: LlamaContextSequence): EvaluationPriority {
    // Not one of node-llama-cpp's five levels once there are more than 5 sequences; it only ever compares them.
    return sequenceOrderPriority(this.placeOf(sequence), this.context.totalSequences) as EvaluationPriority;
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
