// What Ollama's API says about a model, derived from its GGUF header: the "details" block of
// /api/tags and /api/show, plus /api/show's model_info and tensors. Rules follow Ollama's
// server/routes.go and fs/ggml so the answers match what Ollama would give for the same file.
import { GgufError } from "./gguf-error.js";
import { GgufArraySummary, type GgufFile, type GgufType, type GgufValue } from "./gguf-types.js";
import { formatHumanNumber } from "./human-number.js";
import { llamaFileTypeName } from "./llama-file-type.js";
import { setOwn } from "./own-property.js";

export interface ModelFacts {
  /** general.architecture ("llama", "qwen2", "bert", "clip", ...); "unknown" when missing, as in Ollama. */
  readonly family: string;
  readonly parameterCount: number;
  /** parameterCount in Ollama's HumanNumber format: "8B", "7.6B", "134.52M", "260K". */
  readonly parameterSize: string;
  /** "Q4_K_M", "F16", ... from general.file_type, else the dominant tensor type; "unknown" if neither. */
  readonly quantizationLevel: string;
  readonly contextLength: number | undefined;
  readonly embeddingLength: number | undefined;
  /** `<arch>.pooling_type` is present: the model is meant to produce embeddings. */
  readonly hasPoolingType: boolean;
  readonly chatTemplate: string | undefined;
  /** Number of tokens in the vocabulary (0 when the file has none). */
  readonly vocabularySize: number;
  /** Bytes of F16 KV cache one token of context takes (K and V over every layer); 0 when unknown. */
  readonly kvBytesPerToken: number;
}

export interface ShowTensor {
  readonly name: string;
  readonly type: string;
  readonly shape: number[];
}

export function modelFacts(file: GgufFile): ModelFacts {
  const family = stringAt(file, "general.architecture") ?? "unknown";
  const parameterCount = countParameters(file);
  return {
    family,
    parameterCount,
    parameterSize: formatHumanNumber(parameterCount),
    quantizationLevel: quantizationLevel(file),
    contextLength: numberAt(file, `${family}.context_length`),
    embeddingLength: numberAt(file, `${family}.embedding_length`),
    hasPoolingType: Object.hasOwn(file.metadata, `${family}.pooling_type`),
    chatTemplate: stringAt(file, "tokenizer.chat_template"),
    kvBytesPerToken: kvBytesPerToken(file, family),
    vocabularySize: arrayLength(file.metadata["tokenizer.ggml.tokens"]),
  };
}

/** The length of an array value, whether it was read whole or summarised. */
function arrayLength(value: GgufValue | undefined): number {
  if (value instanceof GgufArraySummary) return value.length;
  return Array.isArray(value) ? value.length : 0;
}

/** llama.cpp keeps K and V in F16 for every layer: 2 × layers × (key + value width) × 2 bytes per token. */
export function kvBytesPerToken(file: GgufFile, family: string): number {
  const layers = numberAt(file, `${family}.block_count`) ?? 0;
  const embedding = numberAt(file, `${family}.embedding_length`) ?? 0;
  const heads = numberAt(file, `${family}.attention.head_count`) ?? 0;
  const kvHeads = numberAt(file, `${family}.attention.head_count_kv`) ?? heads;
  if (layers === 0 || heads === 0) return 0;
  const keyWidth = (numberAt(file, `${family}.attention.key_length`) ?? embedding / heads) * kvHeads;
  const valueWidth = (numberAt(file, `${family}.attention.value_length`) ?? embedding / heads) * kvHeads;
  return layers * (keyWidth + valueWidth) * 2;
}

/**
 * Ollama counts parameters itself (the sum of every tensor's elements) and overwrites
 * general.parameter_count with that. A file without tensors (vocab-only) or one part of a split
 * model cannot be counted that way, so there the stored general.parameter_count is used if any.
 */
export function countParameters(file: GgufFile): number {
  const stored = numberAt(file, "general.parameter_count");
  const isSplitPart = (numberAt(file, "split.count") ?? 1) > 1;
  if (stored !== undefined && (file.tensors.length === 0 || isSplitPart)) return stored;
  return file.tensors.reduce((sum, t) => sum + t.elementCount, 0);
}

/**
 * general.file_type's name. Without one, the type holding most weight-matrix elements names the
 * level (e.g. "Q4_K"), the way one would describe a file whose converter forgot the key.
 * Note: Ollama itself shows "unknown" for general.file_type = 0 (it tests `> 0`); we say "F32".
 */
export function quantizationLevel(file: GgufFile): string {
  const fileType = numberAt(file, "general.file_type");
  const named = fileType === undefined ? undefined : llamaFileTypeName(fileType);
  if (named !== undefined) return named;
  const matrices = file.tensors.filter((t) => t.dims.length >= 2);
  const elementsByType = new Map<string, number>();
  for (const t of matrices.length > 0 ? matrices : file.tensors) {
    elementsByType.set(t.typeName, (elementsByType.get(t.typeName) ?? 0) + t.elementCount);
  }
  let best: string | undefined;
  for (const [name, elements] of elementsByType) {
    if (best === undefined || elements > (elementsByType.get(best) as number)) best = name;
  }
  return best ?? "unknown";
}

/**
 * /api/show's model_info: every metadata entry except general.name and tokenizer.chat_template,
 * general.parameter_count set to the counted parameters, keys sorted (Go sorts map keys).
 * Arrays follow the contract (spec §8.2), not what Ollama's code happens to send (null):
 *  - not verbose: arrays longer than 5 items become [] (read the file with maxArrayLength: 5);
 *    shorter ones are shown as they are.
 *  - verbose: arrays in full (read the file with the default maxArrayLength: Infinity);
 *    uint8 arrays come out base64-encoded, as Go's JSON encoder writes []uint8.
 * Values are made JSON-safe: bigints become numbers, float32 values the shortest decimal that
 * reads back as the same float32 (1e-5, not 9.999999747378752e-6), as Go prints float32.
 */
export function modelInfo(file: GgufFile, options: { verbose: boolean }): Record<string, unknown> {
  const info: Record<string, unknown> = {};
  const keys = Object.keys(file.metadata)
    .filter((k) => k !== "general.name" && k !== "tokenizer.chat_template")
    .concat(Object.hasOwn(file.metadata, "general.parameter_count") ? [] : ["general.parameter_count"])
    .sort();
  for (const key of keys) {
    const value =
      key === "general.parameter_count"
        ? countParameters(file)
        : jsonValue(key, file.metadata[key], file.metadataTypes[key], options.verbose);
    setOwn(info, key, value);
  }
  return info;
}

/** /api/show's tensors: name, ggml type name and shape (ne0 first), in file order. */
export function tensorList(file: GgufFile): ShowTensor[] {
  return file.tensors.map((t) => ({ name: t.name, type: t.typeName, shape: [...t.dims] }));
}

function jsonValue(key: string, value: GgufValue, type: GgufType, verbose: boolean): unknown {
  if (value instanceof GgufArraySummary) {
    if (verbose) {
      throw new GgufError(`metadata "${key}" was summarised; read the file with maxArrayLength: Infinity for verbose model_info`);
    }
    return [];
  }
  if (Array.isArray(value)) {
    // The contract (spec §8.2): without verbose, arrays longer than 5 items are shown as [].
    if (!verbose && value.length > 5) return [];
    const itemType = typeof type === "string" ? type : type.arrayOf;
    if (itemType === "uint8") return Buffer.from(value as number[]).toString("base64");
    return value.map((item) => jsonValue(key, item, itemType, verbose));
  }
  if (typeof value === "bigint") return Number(value);
  if (type === "float32" && typeof value === "number") return shortestFloat32(value);
  return value;
}

/** The shortest decimal that rounds to the same float32 (what Go's JSON encoder prints). */
export function shortestFloat32(value: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = Number(value.toPrecision(digits));
    if (Math.fround(candidate) === value) return candidate;
  }
  return value;
}

function numberAt(file: GgufFile, key: string): number | undefined {
  const value = file.metadata[key];
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  return undefined;
}

function stringAt(file: GgufFile, key: string): string | undefined {
  const value = file.metadata[key];
  return typeof value === "string" ? value : undefined;
}
