// Writes a tiny but genuine llama-architecture GGUF that llama.cpp loads and runs, so tests need
// no downloaded model. Weights come from a seeded PRNG (same options -> same bytes).
//
// Plain random weights make a random network that mostly emits byte/control tokens or repeats
// one token forever, so the weights are shaped a little:
//  - Embedding dimension 0 is a constant feature: 1.0 in every token embedding, never read or
//    written by the layers, hence about sqrt(n_embd) after the final RMSNorm. Element 0 of each
//    output row therefore acts as a bias: -1 for control, unknown and byte tokens (logit about
//    -8, practically never sampled), -0.5 for word fragments and stray characters, `eosBias`
//    for EOS, 0 for whole words and sentence punctuation.
//  - The words form one seeded random cycle, and each word's output row is its predecessor's
//    embedding (scaled up). The layers are weak, so the residual stream stays close to the
//    current token's embedding and greedy decoding walks the cycle: a different real word each
//    step ("city my two in You woman Hello shall water ..."); sampling at temperature ~0.8 gives
//    looser word salad. testModelWordSuccessors() exposes the cycle.
import { writeGguf, type GgufTensorToWrite } from "./gguf-writer.js";
import { ggufValue as v, type GgufTypedValue } from "./gguf-typed-value.js";
import { toFloat16Bits } from "./float16.js";
import { q8_0RowBytes, quantizeRowQ8_0 } from "./quantize-q8_0.js";
import { deriveSeed, seededRandom } from "./seeded-random.js";
import { BOS_ID, EOS_ID, TOKEN_TYPE, UNK_ID, buildTestVocabulary } from "./test-model-vocabulary.js";

export interface TestModelOptions {
  /** PRNG seed for the weights. Default 1. */
  seed?: number;
  /** general.name. Default "Paddock Test Model". */
  name?: string;
  contextLength?: number; // default 2048
  embeddingLength?: number; // default 64
  blockCount?: number; // default 2
  feedForwardLength?: number; // default 128
  headCount?: number; // default 4
  headCountKv?: number; // default 2
  /**
   * Pads the built-in vocabulary (830 pieces) with synthetic "▁tok<N>" pieces up to this size,
   * e.g. 32000 for a model shaped like Llama 2. Greedy output still walks the real words.
   */
  vocabSize?: number;
  /**
   * Storage type of the weight matrices; norms stay F32 as llama.cpp's converters do. Default "F32".
   * "Q8_0" quantizes every matrix (embeddings and output included, as llama-quantize's Q8_0 does); its
   * rows (embeddingLength and feedForwardLength) must be multiples of 32.
   */
  fileType?: "F32" | "F16" | "Q8_0";
  /** Jinja template stored as tokenizer.chat_template. */
  chatTemplate?: string;
  /** Declares llama.pooling_type = mean, making it an embedding model. */
  embedding?: boolean;
  /** Half-range of the uniform random weights. Default 0.05. */
  weightScale?: number;
  /**
   * How much EOS is favoured (measured with llama.cpp, prompt "hello world", 100-token limit):
   * -1 (default) or 0: never chosen, generation runs to the token limit; 0.3: greedy never stops
   * but sampling at temperature 0.8 stops after roughly 4-12 tokens; 0.5 or more: EOS at once.
   */
  eosBias?: number;
}

export interface TestModelInfo {
  readonly path: string;
  readonly fileSize: number;
  readonly vocabSize: number;
  readonly tensorCount: number;
  readonly bosTokenId: number;
  readonly eosTokenId: number;
}

const LLAMA_POOLING_TYPE_MEAN = 1;
// See the header comment: the always-on embedding feature, how strongly a word's output row
// mirrors its predecessor's embedding, and how weak the transformer layers are.
const CONSTANT_FEATURE = 1;
const SUCCESSOR_GAIN = 8;
const LAYER_GAIN = 0.5;
const LLAMA_FILE_TYPE = { F32: 0, F16: 1, Q8_0: 7 } as const;

export async function writeTestModel(path: string, options: TestModelOptions = {}): Promise<TestModelInfo> {
  const o = withDefaults(options);
  if (o.embeddingLength % o.headCount !== 0) throw new RangeError("embeddingLength must be a multiple of headCount");
  if (o.headCount % o.headCountKv !== 0) throw new RangeError("headCount must be a multiple of headCountKv");
  const headDim = o.embeddingLength / o.headCount;
  const vocab = buildTestVocabulary(options.vocabSize);
  const nVocab = vocab.tokens.length;
  const nEmbd = o.embeddingLength;
  const nKv = headDim * o.headCountKv;
  const arch = "llama";

  const metadata: Record<string, GgufTypedValue> = {
    "general.architecture": v.string(arch),
    "general.name": v.string(o.name),
    "general.file_type": v.uint32(LLAMA_FILE_TYPE[o.fileType]),
    [`${arch}.vocab_size`]: v.uint32(nVocab),
    [`${arch}.context_length`]: v.uint32(o.contextLength),
    [`${arch}.embedding_length`]: v.uint32(nEmbd),
    [`${arch}.block_count`]: v.uint32(o.blockCount),
    [`${arch}.feed_forward_length`]: v.uint32(o.feedForwardLength),
    [`${arch}.attention.head_count`]: v.uint32(o.headCount),
    [`${arch}.attention.head_count_kv`]: v.uint32(o.headCountKv),
    [`${arch}.attention.layer_norm_rms_epsilon`]: v.float32(1e-5),
    [`${arch}.rope.dimension_count`]: v.uint32(headDim),
    [`${arch}.rope.freq_base`]: v.float32(10000),
    ...(o.embedding ? { [`${arch}.pooling_type`]: v.uint32(LLAMA_POOLING_TYPE_MEAN) } : {}),
    "tokenizer.ggml.model": v.string("llama"),
    "tokenizer.ggml.tokens": v.array("string", vocab.tokens),
    "tokenizer.ggml.scores": v.array("float32", vocab.scores),
    "tokenizer.ggml.token_type": v.array("int32", vocab.types),
    "tokenizer.ggml.bos_token_id": v.uint32(BOS_ID),
    "tokenizer.ggml.eos_token_id": v.uint32(EOS_ID),
    "tokenizer.ggml.unknown_token_id": v.uint32(UNK_ID),
    "tokenizer.ggml.add_bos_token": v.bool(true),
    "tokenizer.ggml.add_eos_token": v.bool(false),
    ...(o.chatTemplate === undefined ? {} : { "tokenizer.chat_template": v.string(o.chatTemplate) }),
  };

  // Rows are generated on demand from per-row PRNG streams, so output rows can be built from the
  // embedding rows they mirror without holding either matrix in memory.
  const fillRandom = (label: string, values: Float32Array, scale: number) => {
    const next = seededRandom(deriveSeed(o.seed, label));
    for (let c = 0; c < values.length; c++) values[c] = (next() * 2 - 1) * scale;
  };
  const embeddingRow = (token: number, values: Float32Array) => {
    fillRandom(`token_embd.weight#${token}`, values, o.weightScale);
    values[0] = CONSTANT_FEATURE;
  };
  const successorOf = wordCycle(vocab.isWord, o.seed);
  const predecessorOf = new Map([...successorOf].map(([from, to]) => [to, from]));
  const outputRow = (token: number, values: Float32Array) => {
    const predecessor = predecessorOf.get(token);
    if (predecessor !== undefined && token !== EOS_ID) {
      embeddingRow(predecessor, values);
      for (let c = 1; c < values.length; c++) values[c] *= SUCCESSOR_GAIN;
      values[0] = 0;
      return;
    }
    fillRandom(`output.weight#${token}`, values, o.weightScale);
    values[0] = token === EOS_ID ? o.eosBias : vocab.types[token] === TOKEN_TYPE.normal ? -0.5 : -1;
  };
  // Layers neither read the constant feature (column 0) nor write it (row 0), and are kept weak
  // so the residual stream stays close to the current token's embedding.
  const layerRow =
    (name: string, blindOutput: boolean) =>
    (row: number, values: Float32Array): void => {
      fillRandom(`${name}#${row}`, values, o.weightScale * LAYER_GAIN);
      values[0] = 0;
      if (blindOutput && row === 0) values.fill(0);
    };
  const weights = (name: string, rows: number, cols: number, fill: RowFiller): GgufTensorToWrite =>
    matrix(name, o.fileType, rows, cols, fill);
  const ones = (name: string): GgufTensorToWrite => ({
    name,
    type: "F32",
    dims: [nEmbd],
    data: new Uint8Array(new Float32Array(nEmbd).fill(1).buffer),
  });

  const tensors: GgufTensorToWrite[] = [
    weights("token_embd.weight", nVocab, nEmbd, embeddingRow),
    ones("output_norm.weight"),
    weights("output.weight", nVocab, nEmbd, outputRow),
  ];
  for (let b = 0; b < o.blockCount; b++) {
    const p = `blk.${b}`;
    const layer = (suffix: string, rows: number, cols: number, writesResidual = false) =>
      weights(`${p}.${suffix}`, rows, cols, layerRow(`${p}.${suffix}`, writesResidual));
    tensors.push(
      ones(`${p}.attn_norm.weight`),
      layer("attn_q.weight", nEmbd, nEmbd),
      layer("attn_k.weight", nKv, nEmbd),
      layer("attn_v.weight", nKv, nEmbd),
      layer("attn_output.weight", nEmbd, nEmbd, true),
      ones(`${p}.ffn_norm.weight`),
      layer("ffn_gate.weight", o.feedForwardLength, nEmbd),
      layer("ffn_down.weight", nEmbd, o.feedForwardLength, true),
      layer("ffn_up.weight", o.feedForwardLength, nEmbd),
    );
  }

  const { fileSize } = await writeGguf(path, { metadata, tensors });
  return { path, fileSize, vocabSize: nVocab, tensorCount: tensors.length, bosTokenId: BOS_ID, eosTokenId: EOS_ID };
}

/**
 * The word chain of the model `writeTestModel` writes with these options, as token texts
 * ("▁city" -> "▁my"): after a prompt ending in a word, greedy decoding emits this chain
 * (as observed with llama.cpp on CPU for F32 and F16 weights; attention can in principle
 * divert it for long or unusual prompts).
 */
export function testModelWordSuccessors(options: Pick<TestModelOptions, "seed" | "vocabSize"> = {}): Map<string, string> {
  const vocab = buildTestVocabulary(options.vocabSize);
  const cycle = wordCycle(vocab.isWord, options.seed ?? 1);
  return new Map([...cycle].map(([from, to]) => [vocab.tokens[from], vocab.tokens[to]]));
}

type RowFiller = (row: number, values: Float32Array) => void;

/**
 * A weight matrix of `rows` rows of `cols` values each, i.e. GGUF dims [cols, rows] (ne0 first),
 * produced row by row while it is written.
 */
function matrix(name: string, type: "F32" | "F16" | "Q8_0", rows: number, cols: number, fill: RowFiller): GgufTensorToWrite {
  function* rowsOf(): Generator<Uint8Array> {
    const values = new Float32Array(cols);
    const halves = new Uint16Array(cols);
    const quantized = type === "Q8_0" ? new Uint8Array(q8_0RowBytes(cols)) : undefined;
    for (let r = 0; r < rows; r++) {
      fill(r, values);
      if (type === "F32") {
        yield new Uint8Array(values.buffer);
      } else if (quantized) {
        yield quantizeRowQ8_0(values, quantized);
      } else {
        for (let c = 0; c < cols; c++) halves[c] = toFloat16Bits(values[c]);
        yield new Uint8Array(halves.buffer);
      }
    }
  }
  return { name, type, dims: [cols, rows], data: rowsOf };
}

/** Chains all word tokens into one cycle in a seeded random order: word -> next word. */
function wordCycle(isWord: readonly boolean[], seed: number): Map<number, number> {
  const words = isWord.flatMap((word, id) => (word ? [id] : []));
  const next = seededRandom(deriveSeed(seed, "word-cycle"));
  for (let i = words.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [words[i], words[j]] = [words[j], words[i]];
  }
  return new Map(words.map((id, i) => [id, words[(i + 1) % words.length]]));
}

function withDefaults(options: TestModelOptions) {
  return {
    seed: options.seed ?? 1,
    name: options.name ?? "Paddock Test Model",
    contextLength: options.contextLength ?? 2048,
    embeddingLength: options.embeddingLength ?? 64,
    blockCount: options.blockCount ?? 2,
    feedForwardLength: options.feedForwardLength ?? 128,
    headCount: options.headCount ?? 4,
    headCountKv: options.headCountKv ?? 2,
    fileType: options.fileType ?? "F32",
    chatTemplate: options.chatTemplate,
    embedding: options.embedding ?? false,
    weightScale: options.weightScale ?? 0.05,
    eosBias: options.eosBias ?? -1,
  };
}
