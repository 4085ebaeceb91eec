import type { BatchItem, CustomBatchingPrioritizationStrategy, PrioritizedBatchItem } from "node-llama-cpp";

// llama.cpp keeps one KV stream per sequence (node-llama-cpp does not unify them) and splits a batch into one
// ubatch for each run of consecutive sequence ids in batch order: tokens of sequences 2, 3, 0, 1 cost two graph
// computations, 0, 1, 2, 3 one, and only a batch of the same shape as the last one reuses its graph. Measured on
// the 250M bench model with 4 streams in step: 36 ms a batch in arrival order, 26 ms in sequence order.
//
// node-llama-cpp gives a batching strategy only each item's tokens, logits and evaluationPriority, so the
// generation passes its sequence's place as the priority and the strategy orders by it.

/** The evaluationPriority that puts a sequence's tokens in its place (sequence 0 first) in every batch. */
export function sequenceOrderPriority(sequenceIndex: number, totalSequences: number): number {
  return totalSequences - sequenceIndex;
}

export interface BatchCounts {
  /** Batches dispatched. */
  batches: number;
  /** Queued decodes they carried, together. */
  items: number;
}

/**
 * Items in sequence order, each first given an even share of the batch and then, in order, what is left (as
 * node-llama-cpp's maximumParallelism does, so a long prompt never holds back the streams already decoding).
 */
export function sequenceOrderStrategy(counts?: BatchCounts): CustomBatchingPrioritizationStrategy {
  return ({ items, size }: { items: readonly BatchItem[]; size: number }): PrioritizedBatchItem[] => {
    const ordered = [...items].sort((a, b) => b.evaluationPriority - a.evaluationPriority);
    const share = Math.max(1, Math.floor(size / Math.max(1, ordered.length)));
    const plan: PrioritizedBatchItem[] = [];
    let left = size;
    for (const item of ordered) {
      if (left <= 0) break;
      const amount = Math.min(item.tokens.length, share, left);
      plan.push({ item, processAmount: amount });
      left -= amount;
    }
    for (const entry of plan) {
      if (left <= 0) break;
      const more = Math.min(entry.item.tokens.length - entry.processAmount, left);
      entry.processAmount += more;
      left -= more;
    }
    if (counts) {
      counts.batches++;
      counts.items += plan.length;
    }
    return plan;
  };
}
