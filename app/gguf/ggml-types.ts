// The ggml tensor type table (ggml.h GGML_TYPE_*, sizes from ggml.c type_traits / gguf-py
// GGML_QUANT_SIZES). Quantised types pack `blockSize` elements into `typeSize` bytes.
// Ids 4, 5, 31-33 and 36-38 are types llama.cpp has removed from GGUF files; they are left out
// on purpose so the reader rejects them the way llama.cpp does.

export interface GgmlTypeInfo {
  readonly id: number;
  /** Name as Ollama / llama.cpp print it ("F32", "Q4_K", "IQ2_XXS", ...). */
  readonly name: string;
  /** Elements per block. */
  readonly blockSize: number;
  /** Bytes per block. */
  readonly typeSize: number;
}

const QK_K = 256;

const TABLE = [
  { id: 0, name: "F32", blockSize: 1, typeSize: 4 },
  { id: 1, name: "F16", blockSize: 1, typeSize: 2 },
  { id: 2, name: "Q4_0", blockSize: 32, typeSize: 2 + 16 },
  { id: 3, name: "Q4_1", blockSize: 32, typeSize: 2 + 2 + 16 },
  { id: 6, name: "Q5_0", blockSize: 32, typeSize: 2 + 4 + 16 },
  { id: 7, name: "Q5_1", blockSize: 32, typeSize: 2 + 2 + 4 + 16 },
  { id: 8, name: "Q8_0", blockSize: 32, typeSize: 2 + 32 },
  { id: 9, name: "Q8_1", blockSize: 32, typeSize: 4 + 4 + 32 },
  { id: 10, name: "Q2_K", blockSize: QK_K, typeSize: 2 + 2 + QK_K / 16 + QK_K / 4 },
  { id: 11, name: "Q3_K", blockSize: QK_K, typeSize: 2 + QK_K / 4 + QK_K / 8 + 12 },
  { id: 12, name: "Q4_K", blockSize: QK_K, typeSize: 2 + 2 + QK_K / 2 + 12 },
  { id: 13, name: "Q5_K", blockSize: QK_K, typeSize: 2 + 2 + QK_K / 2 + QK_K / 8 + 12 },
  { id: 14, name: "Q6_K", blockSize: QK_K, typeSize: 2 + QK_K / 2 + QK_K / 4 + QK_K / 16 },
  { id: 15, name: "Q8_K", blockSize: QK_K, typeSize: 4 + QK_K + QK_K / 8 },
  { id: 16, name: "IQ2_XXS", blockSize: QK_K, typeSize: 2 + QK_K / 4 },
  { id: 17, name: "IQ2_XS", blockSize: QK_K, typeSize: 2 + QK_K / 4 + QK_K / 32 },
  { id: 18, name: "IQ3_XXS", blockSize: QK_K, typeSize: 2 + QK_K / 4 + QK_K / 8 },
  { id: 19, name: "IQ1_S", blockSize: QK_K, typeSize: 2 + QK_K / 8 + QK_K / 16 },
  { id: 20, name: "IQ4_NL", blockSize: 32, typeSize: 2 + 16 },
  { id: 21, name: "IQ3_S", blockSize: QK_K, typeSize: 2 + QK_K / 4 + QK_K / 8 + QK_K / 32 + 4 },
  { id: 22, name: "IQ2_S", blockSize: QK_K, typeSize: 2 + QK_K / 4 + QK_K / 16 },
  { id: 23, name: "IQ4_XS", blockSize: QK_K, typeSize: 2 + 2 + QK_K / 2 + QK_K / 64 },
  { id: 24, name: "I8", blockSize: 1, typeSize: 1 },
  { id: 25, name: "I16", blockSize: 1, typeSize: 2 },
  { id: 26, name: "I32", blockSize: 1, typeSize: 4 },
  { id: 27, name: "I64", blockSize: 1, typeSize: 8 },
  { id: 28, name: "F64", blockSize: 1, typeSize: 8 },
  { id: 29, name: "IQ1_M", blockSize: QK_K, typeSize: QK_K / 8 + QK_K / 16 + QK_K / 32 },
  { id: 30, name: "BF16", blockSize: 1, typeSize: 2 },
  { id: 34, name: "TQ1_0", blockSize: QK_K, typeSize: 2 + 4 * 13 },
  { id: 35, name: "TQ2_0", blockSize: QK_K, typeSize: 2 + 64 },
  { id: 39, name: "MXFP4", blockSize: 32, typeSize: 1 + 16 },
  { id: 40, name: "NVFP4", blockSize: 64, typeSize: 4 + 32 },
  { id: 41, name: "Q1_0", blockSize: 128, typeSize: 2 + 16 },
  { id: 42, name: "Q2_0", blockSize: 64, typeSize: 2 + 16 },
] as const satisfies readonly GgmlTypeInfo[];

const BY_ID = new Map<number, GgmlTypeInfo>(TABLE.map((t) => [t.id, t]));
const BY_NAME = new Map<string, GgmlTypeInfo>(TABLE.map((t) => [t.name, t]));

export type GgmlTypeName = (typeof TABLE)[number]["name"];

/** All supported ggml tensor types, by id. */
export const GGML_TYPES: readonly GgmlTypeInfo[] = TABLE;

export function ggmlTypeById(id: number): GgmlTypeInfo | undefined {
  return BY_ID.get(id);
}

/** Looks a type up by name, case-insensitively ("q4_k" works). */
export function ggmlTypeByName(name: string): GgmlTypeInfo | undefined {
  return BY_NAME.get(name.toUpperCase());
}

/** Number of elements of a tensor with these dims, or undefined if it is not a safe integer. */
export function tensorElementCount(dims: readonly number[]): number | undefined {
  let elements = 1;
  for (const d of dims) {
    elements *= d;
    if (!Number.isSafeInteger(elements)) return undefined;
  }
  return elements;
}

/**
 * Bytes a tensor of this type and shape occupies, or undefined when the shape is impossible for
 * the type (the row length ne0 must be a whole number of blocks, as ggml requires) or too large
 * to count in a double.
 */
export function ggmlTensorByteSize(type: GgmlTypeInfo, dims: readonly number[]): number | undefined {
  const ne0 = dims.length === 0 ? 1 : dims[0];
  if (ne0 % type.blockSize !== 0) return undefined;
  const elements = tensorElementCount(dims);
  if (elements === undefined) return undefined;
  const bytes = (elements / type.blockSize) * type.typeSize;
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}
