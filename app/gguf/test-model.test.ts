import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { readGguf } from "./gguf-reader.js";
import { testModelWordSuccessors, writeTestModel } from "./test-model.js";
import { buildTestVocabulary } from "./test-model-vocabulary.js";

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "paddock-test-model-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sha256 = async (path: string) => createHash("sha256").update(await readFile(path)).digest("hex");

test("the same options always give the same bytes", async () => {
  const [a, b, c] = [join(dir, "a.gguf"), join(dir, "b.gguf"), join(dir, "c.gguf")];
  await writeTestModel(a);
  await writeTestModel(b);
  await writeTestModel(c, { seed: 2 });
  assert.equal(await sha256(a), await sha256(b));
  assert.notEqual(await sha256(a), await sha256(c));
});

test("tensors are named and shaped the way llama.cpp's llama loader expects", async () => {
  const path = join(dir, "shape.gguf");
  const info = await writeTestModel(path, { embeddingLength: 64, headCount: 4, headCountKv: 2, feedForwardLength: 96, blockCount: 2 });
  const file = await readGguf(path, { maxArrayLength: 0 });
  const n = info.vocabSize;
  const expected: [string, number[]][] = [
    ["token_embd.weight", [64, n]],
    ["output_norm.weight", [64]],
    ["output.weight", [64, n]],
  ];
  for (const b of [0, 1]) {
    expected.push(
      [`blk.${b}.attn_norm.weight`, [64]],
      [`blk.${b}.attn_q.weight`, [64, 64]],
      [`blk.${b}.attn_k.weight`, [64, 32]], // head_dim 16 x 2 KV heads
      [`blk.${b}.attn_v.weight`, [64, 32]],
      [`blk.${b}.attn_output.weight`, [64, 64]],
      [`blk.${b}.ffn_norm.weight`, [64]],
      [`blk.${b}.ffn_gate.weight`, [64, 96]],
      [`blk.${b}.ffn_down.weight`, [96, 64]],
      [`blk.${b}.ffn_up.weight`, [64, 96]],
    );
  }
  assert.deepEqual(
    file.tensors.map((t) => [t.name, t.dims]),
    expected,
  );
  assert.ok(file.tensors.every((t) => t.typeName === "F32"));
  assert.equal(info.tensorCount, expected.length);
  assert.equal(info.fileSize, (await stat(path)).size);
  const m = file.metadata;
  assert.equal(m["general.architecture"], "llama");
  assert.equal(m["general.file_type"], 0);
  assert.equal(m["llama.block_count"], 2);
  assert.equal(m["llama.context_length"], 2048);
  assert.equal(m["llama.embedding_length"], 64);
  assert.equal(m["llama.feed_forward_length"], 96);
  assert.equal(m["llama.attention.head_count"], 4);
  assert.equal(m["llama.attention.head_count_kv"], 2);
  assert.equal(m["llama.rope.dimension_count"], 16);
  assert.equal(m["llama.attention.layer_norm_rms_epsilon"], Math.fround(1e-5));
  assert.equal(m["tokenizer.ggml.model"], "llama");
  assert.deepEqual([m["tokenizer.ggml.unknown_token_id"], m["tokenizer.ggml.bos_token_id"], m["tokenizer.ggml.eos_token_id"]], [0, 1, 2]);
  assert.equal(file.metadataTypes["tokenizer.ggml.bos_token_id"], "uint32");
  assert.deepEqual(file.metadataTypes["tokenizer.ggml.token_type"], { arrayOf: "int32" });
  assert.deepEqual(file.metadataTypes["tokenizer.ggml.scores"], { arrayOf: "float32" });
  assert.equal("llama.pooling_type" in m, false);
  assert.equal("tokenizer.chat_template" in m, false);
});

test("options: F16 weights, embedding pooling, chat template, padded vocabulary", async () => {
  const path = join(dir, "options.gguf");
  const template = "{% for m in messages %}{{ m.content }}{% endfor %}";
  const info = await writeTestModel(path, { fileType: "F16", embedding: true, chatTemplate: template, vocabSize: 4000 });
  const file = await readGguf(path);
  assert.equal(info.vocabSize, 4000);
  assert.equal((file.metadata["tokenizer.ggml.tokens"] as string[]).length, 4000);
  assert.equal(file.metadata["general.file_type"], 1);
  assert.equal(file.metadata["llama.pooling_type"], 1);
  assert.equal(file.metadata["tokenizer.chat_template"], template);
  for (const t of file.tensors) assert.equal(t.typeName, t.dims.length === 1 ? "F32" : "F16", t.name);
});

test("the vocabulary has SentencePiece control, byte and word tokens", () => {
  const { tokens, types, scores } = buildTestVocabulary();
  assert.deepEqual(tokens.slice(0, 3), ["<unk>", "<s>", "</s>"]);
  assert.deepEqual(types.slice(0, 3), [2, 3, 3]);
  for (let b = 0; b < 256; b++) {
    assert.equal(tokens[3 + b], `<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`);
    assert.equal(types[3 + b], 6);
  }
  for (const piece of ["▁", "a", "Z", "9", ".", "▁h", "▁hel", "▁hello", "▁world", "▁the", "▁Paris"]) {
    assert.ok(tokens.includes(piece), piece);
  }
  assert.equal(new Set(tokens).size, tokens.length, "no duplicate pieces");
  // Longer pieces score higher, so the SPM merge builds whole words.
  assert.ok(scores[tokens.indexOf("▁hello")] > scores[tokens.indexOf("▁hel")]);
  assert.throws(() => buildTestVocabulary(10), RangeError);
});

test("the greedy word chain visits every word once", () => {
  const successors = testModelWordSuccessors();
  const { isWord } = buildTestVocabulary();
  assert.equal(successors.size, isWord.filter(Boolean).length);
  const seen = new Set<string>();
  let word = "▁hello";
  for (let i = 0; i < successors.size; i++) {
    seen.add(word);
    word = successors.get(word) as string;
  }
  assert.equal(word, "▁hello");
  assert.equal(seen.size, successors.size);
});
