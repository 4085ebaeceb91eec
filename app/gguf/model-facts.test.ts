import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, test } from "node:test";
import { GgufError } from "./gguf-error.js";
import { readGguf } from "./gguf-reader.js";
import { GgufArraySummary, type GgufFile, type GgufTensorInfo, type GgufType, type GgufValue } from "./gguf-types.js";
import { countParameters, modelFacts, modelInfo, quantizationLevel, shortestFloat32, tensorList } from "./model-facts.js";
import { writeTestModel } from "./test-model.js";

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "paddock-model-facts-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A GgufFile built in memory, for rules that do not need a real file. */
function fakeFile(entries: Record<string, [GgufType, GgufValue]>, tensors: [string, number[], string][] = []): GgufFile {
  const metadata: Record<string, GgufValue> = {};
  const metadataTypes: Record<string, GgufType> = {};
  for (const [key, [type, value]] of Object.entries(entries)) {
    metadata[key] = value;
    metadataTypes[key] = type;
  }
  const infos: GgufTensorInfo[] = tensors.map(([name, dims, typeName]) => {
    const elementCount = dims.reduce((a, b) => a * b, 1);
    return { name, dims, type: 0, typeName, offset: 0, fileOffset: 0, elementCount, byteSize: 0 };
  });
  return { version: 3, byteOrder: "little-endian", tensorCount: infos.length, metadata, metadataTypes, tensors: infos, alignment: 32, dataOffset: 0, fileSize: 0 };
}

test("facts of the generated test model", async () => {
  const path = join(dir, "test.gguf");
  await writeTestModel(path, { chatTemplate: "{{ messages }}" });
  const facts = modelFacts(await readGguf(path, { maxArrayLength: 0 }));
  assert.deepEqual(facts, {
    family: "llama",
    parameterCount: 180288,
    parameterSize: "180K",
    quantizationLevel: "F32",
    // 2 layers × (K 2 heads × 16 + V 2 heads × 16) × 2 bytes (F16)
    kvBytesPerToken: 256,
    vocabularySize: 830,
    contextLength: 2048,
    embeddingLength: 64,
    hasPoolingType: false,
    chatTemplate: "{{ messages }}",
  });
  const embedding = join(dir, "embed.gguf");
  await writeTestModel(embedding, { embedding: true, fileType: "F16" });
  const embeddingFacts = modelFacts(await readGguf(embedding, { maxArrayLength: 0 }));
  assert.equal(embeddingFacts.hasPoolingType, true);
  assert.equal(embeddingFacts.quantizationLevel, "F16");
  assert.equal(embeddingFacts.chatTemplate, undefined);
});

test("model_info follows the /api/show contract", async () => {
  const path = join(dir, "info.gguf");
  await writeTestModel(path, { chatTemplate: "T" });
  const info = modelInfo(await readGguf(path, { maxArrayLength: 5 }), { verbose: false });
  assert.deepEqual(Object.keys(info), Object.keys(info).sort(), "keys sorted like Go's JSON encoder");
  assert.equal("general.name" in info, false);
  assert.equal("tokenizer.chat_template" in info, false);
  assert.equal(info["general.parameter_count"], 180288);
  assert.equal(info["llama.attention.layer_norm_rms_epsilon"], 0.00001);
  assert.deepEqual(info["tokenizer.ggml.tokens"], []);
  assert.deepEqual(info["tokenizer.ggml.scores"], []);
  assert.equal(info["llama.context_length"], 2048);
  assert.doesNotThrow(() => JSON.stringify(info));

  const verbose = modelInfo(await readGguf(path), { verbose: true });
  const tokens = verbose["tokenizer.ggml.tokens"] as string[];
  assert.deepEqual(tokens.slice(0, 4), ["<unk>", "<s>", "</s>", "<0x00>"]);
  assert.equal((verbose["tokenizer.ggml.scores"] as number[]).length, tokens.length);
  assert.throws(() => modelInfo(fakeFile({ a: [{ arrayOf: "string" }, new GgufArraySummary("string", 9)] }), { verbose: true }), GgufError);
});

test("model_info array and number conversions", () => {
  const file = fakeFile({
    "general.name": ["string", "hidden"],
    "x.empty": [{ arrayOf: "string" }, []],
    "x.short": [{ arrayOf: "int32" }, [1, 2]],
    "x.summary": [{ arrayOf: "int32" }, new GgufArraySummary("int32", 3)],
    "x.bytes": [{ arrayOf: "uint8" }, [1, 2, 3]],
    "x.floats": [{ arrayOf: "float32" }, [Math.fround(0.1), Math.fround(1e-6)]],
    "x.big": ["uint64", 2n ** 60n],
    "general.parameter_count": ["uint64", 123],
  });
  const brief = modelInfo(file, { verbose: false });
  assert.deepEqual(brief, {
    "general.parameter_count": 123, // no tensors to count, so the stored value stands
    "x.big": 2 ** 60,
    "x.bytes": "AQID",
    "x.empty": [],
    "x.floats": [0.1, 0.000001],
    "x.short": [1, 2],
    "x.summary": [],
  });
  const full = modelInfo({ ...file, metadata: { ...file.metadata, "x.summary": [1, 2, 3] } }, { verbose: true });
  assert.equal(full["x.bytes"], "AQID", "[]uint8 is base64 in Go's JSON");
  assert.deepEqual(full["x.floats"], [0.1, 0.000001]);
  assert.deepEqual(full["x.short"], [1, 2]);
});

test("shortestFloat32 prints float32 values the way Go does", () => {
  assert.equal(shortestFloat32(Math.fround(1e-5)), 1e-5);
  assert.equal(shortestFloat32(Math.fround(0.1)), 0.1);
  assert.equal(shortestFloat32(Math.fround(1e-12)), 1e-12);
  assert.equal(shortestFloat32(10000), 10000);
  assert.equal(shortestFloat32(Math.fround(1 / 3)), 0.33333334);
});

test("quantization level: general.file_type first, else the dominant tensor type", () => {
  assert.equal(quantizationLevel(fakeFile({ "general.file_type": ["uint32", 15] })), "Q4_K_M");
  assert.equal(quantizationLevel(fakeFile({ "general.file_type": ["uint32", 0] })), "F32");
  assert.equal(quantizationLevel(fakeFile({ "general.file_type": ["uint32", 38] })), "MXFP4_MOE");
  const tensors: [string, number[], string][] = [
    ["a", [4096, 4096], "Q4_K"],
    ["b", [4096, 14336], "Q6_K"],
    ["c", [4096, 4096], "Q4_K"],
    ["norm", [4096 * 1000], "F32"], // 1-D tensors do not count while there are matrices
  ];
  assert.equal(quantizationLevel(fakeFile({}, tensors)), "Q6_K");
  assert.equal(quantizationLevel(fakeFile({ "general.file_type": ["uint32", 4] }, tensors)), "Q6_K", "retired ftype id");
  assert.equal(quantizationLevel(fakeFile({})), "unknown");
});

test("parameter count: the tensors' elements, else general.parameter_count", () => {
  const tensors: [string, number[], string][] = [["a", [10, 20], "F32"], ["b", [5], "F32"]];
  assert.equal(countParameters(fakeFile({ "general.parameter_count": ["uint64", 999] }, tensors)), 205);
  assert.equal(countParameters(fakeFile({ "general.parameter_count": ["uint64", 999] })), 999);
  assert.equal(countParameters(fakeFile({ "general.parameter_count": ["uint64", 999], "split.count": ["uint16", 3] }, tensors)), 999);
  assert.equal(countParameters(fakeFile({})), 0);
});

test("tensor list for /api/show", async () => {
  const path = join(dir, "tensors.gguf");
  await writeTestModel(path, { fileType: "F16" });
  const list = tensorList(await readGguf(path, { maxArrayLength: 0 }));
  assert.deepEqual(list.slice(0, 4), [
    { name: "token_embd.weight", type: "F16", shape: [64, 830] },
    { name: "output_norm.weight", type: "F32", shape: [64] },
    { name: "output.weight", type: "F16", shape: [64, 830] },
    { name: "blk.0.attn_norm.weight", type: "F32", shape: [64] },
  ]);
});

// Files described in ../shared/models/SOURCES.md; present in the project's workspace, not in git.
const sharedModels = fileURLToPath(new URL("../../../shared/models/", import.meta.url));

test("facts of the shared test models", async (t) => {
  if (!existsSync(sharedModels)) {
    t.skip("../shared/models not present");
    return;
  }
  const expected: Record<string, Partial<ReturnType<typeof modelFacts>> & { tensors: number }> = {
    "stories260K.gguf": { family: "llama", parameterCount: 292800, parameterSize: "293K", quantizationLevel: "F32", contextLength: 2048, embeddingLength: 64, tensors: 48 },
    "llama-2-tiny-random.gguf": { family: "llama", parameterCount: 513048, parameterSize: "513K", quantizationLevel: "F16", contextLength: 4096, embeddingLength: 8, tensors: 12 },
    "ggml-vocab-phi-3.gguf": { family: "phi3", parameterCount: 0, quantizationLevel: "F16", contextLength: 4096, embeddingLength: 3072, tensors: 0 },
    "ggml-vocab-bert-bge.gguf": { family: "bert", parameterCount: 0, contextLength: 512, embeddingLength: 384, hasPoolingType: false, tensors: 0 },
    "mmproj-tinygemma3.gguf": { family: "clip", parameterCount: 844288, parameterSize: "844K", quantizationLevel: "Q8_0", contextLength: undefined, tensors: 71 },
  };
  for (const [name, { tensors, ...facts }] of Object.entries(expected)) {
    const path = join(sharedModels, name);
    if (!existsSync(path)) continue;
    const file = await readGguf(path, { maxArrayLength: 0 });
    assert.equal(file.tensors.length, tensors, name);
    const actual = modelFacts(file);
    for (const [key, value] of Object.entries(facts)) assert.deepEqual(actual[key as keyof typeof actual], value, `${name} ${key}`);
  }
  const phi3 = modelFacts(await readGguf(join(sharedModels, "ggml-vocab-phi-3.gguf"), { maxArrayLength: 0 }));
  assert.match(phi3.chatTemplate ?? "", /<\|user\|>/);
  const llama2 = await readGguf(join(sharedModels, "llama-2-tiny-random.gguf"));
  assert.equal((llama2.metadata["tokenizer.ggml.tokens"] as string[])[29871], "▁");
});
