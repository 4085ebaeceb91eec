// Shapes shared by the GGUF reader, writer and the code that interprets a model's metadata.

/** Scalar metadata value types, named as in the GGUF spec. */
export type GgufScalarType =
  | "uint8"
  | "int8"
  | "uint16"
  | "int16"
  | "uint32"
  | "int32"
  | "float32"
  | "bool"
  | "string"
  | "uint64"
  | "int64"
  | "float64";

/**
 * Declared type of a metadata value. Arrays say what they hold. GGUF lets each inner array of an
 * array of arrays declare its own item type; the reader reports the first one's (and
 * array[array[uint8]] for an empty array of arrays), and the writer writes them all alike.
 */
export type GgufType = GgufScalarType | GgufArrayType;
export interface GgufArrayType {
  readonly arrayOf: GgufType;
}

/**
 * A metadata value as read.
 *  - uint8..int32, float32, float64: number (float32 is the exact float32 value widened to a double)
 *  - uint64 / int64: number when it is a safe integer (the usual case), otherwise bigint
 *  - bool: boolean; string: string (UTF-8; invalid bytes become U+FFFD)
 *  - arrays: a plain JS array, or a GgufArraySummary when the reader was told to skip long arrays
 */
export type GgufValue = number | bigint | boolean | string | GgufValue[] | GgufArraySummary;

/**
 * Stands in for an array longer than the reader's `maxArrayLength`: the 150k-entry token lists
 * of modern vocabularies are several MB of JS objects that metadata-only callers never look at.
 */
export class GgufArraySummary {
  constructor(
    readonly itemType: GgufType,
    readonly length: number,
  ) {}
}

/** Numeric ids of the value types in the file format. */
export const GGUF_VALUE_TYPE_IDS = {
  uint8: 0,
  int8: 1,
  uint16: 2,
  int16: 3,
  uint32: 4,
  int32: 5,
  float32: 6,
  bool: 7,
  string: 8,
  array: 9,
  uint64: 10,
  int64: 11,
  float64: 12,
} as const;

export interface GgufTensorInfo {
  readonly name: string;
  /** Dimensions fastest-varying first (ggml's ne0, ne1, ...), as stored in the file. */
  readonly dims: readonly number[];
  /** ggml type id (GGML_TYPE_*). */
  readonly type: number;
  /** ggml type name as Ollama and llama.cpp print it, e.g. "F32", "Q4_K", "BF16". */
  readonly typeName: string;
  /** Offset of the data from the start of the data section (what the file stores). */
  readonly offset: number;
  /** Absolute offset of the data in the file (dataOffset + offset). */
  readonly fileOffset: number;
  readonly elementCount: number;
  readonly byteSize: number;
}

export type GgufByteOrder = "little-endian" | "big-endian";

export interface GgufFile {
  readonly version: number;
  /** Big-endian GGUF files exist for s390x; llama.cpp on x86/ARM refuses them. */
  readonly byteOrder: GgufByteOrder;
  readonly tensorCount: number;
  readonly metadata: Record<string, GgufValue>;
  /** Declared type of every metadata value (needed to write a value back exactly). */
  readonly metadataTypes: Record<string, GgufType>;
  readonly tensors: GgufTensorInfo[];
  /** Data-section alignment: general.alignment, or 32. */
  readonly alignment: number;
  /** Absolute offset where tensor data starts (end of the tensor table, rounded up to alignment). */
  readonly dataOffset: number;
  readonly fileSize: number;
}

/** Spells a GgufType the way the spec does, e.g. "array[string]". */
export function describeGgufType(type: GgufType): string {
  return typeof type === "string" ? type : `array[${describeGgufType(type.arrayOf)}]`;
}
