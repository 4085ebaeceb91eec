import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { BatchItem, EvaluationPriority, Llama, Token } from "node-llama-cpp";
import { testModelPath } from "../testing/test-model-file.js";
import { sequenceOrderPriority, sequenceOrderStrategy, type BatchCounts } from "./batch-order.js";
import { generate } from "./generate.js";
import { loadLlama } from "./llama-binary.js";
import { LoadedModel } from "./loaded-model.js";
import type { GenerateOptions } from "./protocol.js";

const item = (place: number, tokens: number): BatchItem => ({
  tokens: Array.from({ length: tokens }, (_, i) => i as Token),
  logits: [],
  evaluationPriority: sequenceOrderPriority(place, 8) as EvaluationPriority,
});

describe("batch order", () => {
  test("items go into the batch in sequence order, whatever order they queued in", () => {
    const items = [item(2, 1), item(3, 1), item(0, 1), item(1, 1)];
    const plan = sequenceOrderStrategy()({ items, size: 512 });
    assert.deepEqual(plan.map((entry) => items.indexOf(entry.item)), [2, 3, 0, 1]);
    assert.ok(plan.every((entry) => entry.processAmount === 1));
  });

  test("a long prompt gets what the decoding streams leave of the batch, never their share", () => {
    const items = [item(1, 2000), item(0, 1), item(2, 1)];
    const plan = sequenceOrderStrategy()({ items, size: 512 });
    assert.deepEqual(plan.map((entry) => [items.indexOf(entry.item), entry.processAmount]), [[1, 1], [0, 510], [2, 1]]);
  });

  test("never more than the batch holds, even with more items than tokens", () => {
    const items = Array.from({ length: 6 }, (_, place) => item(place, 3));
    const plan = sequenceOrderStrategy()({ items, size: 4 });
    assert.equal(plan.reduce((sum, entry) => sum + entry.processAmount, 0), 4);
    assert.deepEqual(plan.map((entry) => items.indexOf(entry.item)), [0, 1, 2, 3]);
  });

  test("counts the batches and the items they carry", () => {
    const counts: BatchCounts = { batches: 0, items: 0 };
    const strategy = sequenceOrderStrategy(counts);
    strategy({ items: [item(0, 1), item(1, 1)], size: 8 });
    strategy({ items: [item(0, 1)], size: 8 });
    assert.deepEqual(counts, { batches: 2, items: 3 });
  });
});

describe("generations on one model decode in step", () => {
  let llama: Llama;
  let loaded: LoadedModel;

  before(async () => {
    llama = (await loadLlama()).llama;
    loaded = await LoadedModel.load(llama, { modelPath: await testModelPath(), contextSize: 512, sequences: 4, threads: 1 });
  });
  after(async () => {
    await loaded.dispose();
    await llama.dispose();
  });

  const options = (prompt: string, numPredict: number): GenerateOptions => ({
    prompt,
    sampling: { temperature: 0, topK: 40, topP: 0.9, minP: 0, repeatPenalty: 1, repeatLastN: 64, presencePenalty: 0, frequencyPenalty: 0 },
    numPredict,
    numKeep: 0,
    stop: [],
    returnContext: false,
  });
  const run = async (prompt: string, numPredict: number) => {
    let text = "";
    const stats = await generate(loaded, options(prompt, numPredict), (piece) => (text += piece), () => false);
    return { text, stats };
  };

  test("four streams share every decode batch and answer as they do alone", async () => {
    const prompts = ["hello", "the sky", "good friend", "what year"];
    const alone = [];
    for (const prompt of prompts) alone.push(await run(prompt, 40));
    const before = { ...loaded.batchCounts };
    const together = await Promise.all(prompts.map((prompt) => run(prompt, 40)));
    const batches = loaded.batchCounts.batches - before.batches;
    const items = loaded.batchCounts.items - before.items;
    assert.deepEqual(together.map((answer) => answer.text), alone.map((answer) => answer.text));
    for (const answer of together) assert.equal(answer.stats.evalCount, 40);
    // 4 × 39 decodes after the first tokens; in step they take 39 batches of 4 (plus the prompts' batches).
    assert.ok(items / batches >= 3.5, `${items} queued decodes in ${batches} batches`);
    assert.equal(loaded.lockstep.size, 0, "every stream left the lockstep");
  });

  test("a stream that stops early does not hold the others back", async () => {
    const [short, long] = await Promise.all([run("hello", 3), run("the sky", 30)]);
    assert.equal(short.stats.evalCount, 3);
    assert.equal(long.stats.evalCount, 30);
    assert.equal(loaded.lockstep.size, 0);
  });
});
