// Metadata values paired with the exact GGUF type to store them as. JS numbers do not say whether
// they are uint32, int32 or float32, and llama.cpp is picky (e.g. general.alignment must be
// uint32, token ids uint32, token types int32), so the writer takes the type from the caller.
import { GgufError } from "./gguf-error.js";
import { GgufArraySummary, describeGgufType, type GgufScalarType, type GgufType, type GgufValue } from "./gguf-types.js";

export interface GgufTypedValue {
  readonly type: GgufType;
  readonly value: GgufValue;
}

/** Shorthands for building typed metadata: `ggufValue.uint32(2048)`, `ggufValue.array("string", tokens)`. */
export const ggufValue = {
  uint8: (value: number): GgufTypedValue => ({ type: "uint8", value }),
  int8: (value: number): GgufTypedValue => ({ type: "int8", value }),
  uint16: (value: number): GgufTypedValue => ({ type: "uint16", value }),
  int16: (value: number): GgufTypedValue => ({ type: "int16", value }),
  uint32: (value: number): GgufTypedValue => ({ type: "uint32", value }),
  int32: (value: number): GgufTypedValue => ({ type: "int32", value }),
  float32: (value: number): GgufTypedValue => ({ type: "float32", value }),
  float64: (value: number): GgufTypedValue => ({ type: "float64", value }),
  uint64: (value: number | bigint): GgufTypedValue => ({ type: "uint64", value }),
  int64: (value: number | bigint): GgufTypedValue => ({ type: "int64", value }),
  bool: (value: boolean): GgufTypedValue => ({ type: "bool", value }),
  string: (value: string): GgufTypedValue => ({ type: "string", value }),
  array: (itemType: GgufType, items: readonly GgufValue[]): GgufTypedValue => ({
    type: { arrayOf: itemType },
    value: items as GgufValue[],
  }),
};

const INTEGER_RANGES: Partial<Record<GgufScalarType, readonly [bigint, bigint]>> = {
  uint8: [0n, 0xffn],
  int8: [-0x80n, 0x7fn],
  uint16: [0n, 0xffffn],
  int16: [-0x8000n, 0x7fffn],
  uint32: [0n, 0xffffffffn],
  int32: [-0x80000000n, 0x7fffffffn],
  uint64: [0n, 0xffffffffffffffffn],
  int64: [-0x8000000000000000n, 0x7fffffffffffffffn],
};

/** Throws GgufError unless `value` can be stored exactly as `type`. */
export function checkTypedValue(key: string, type: GgufType, value: GgufValue): void {
  const problem = typeProblem(type, value);
  if (problem !== undefined) throw new GgufError(`metadata "${key}": ${problem}`);
}

function typeProblem(type: GgufType, value: GgufValue): string | undefined {
  if (typeof type !== "string") {
    if (value instanceof GgufArraySummary) return "a summarised array cannot be written; read the file with maxArrayLength: Infinity";
    if (!Array.isArray(value)) return `expected an array for type ${describeGgufType(type)}`;
    for (const item of value) {
      const problem = typeProblem(type.arrayOf, item);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  switch (type) {
    case "string":
      return typeof value === "string" ? undefined : `expected a string, got ${typeof value}`;
    case "bool":
      return typeof value === "boolean" ? undefined : `expected a boolean, got ${typeof value}`;
    case "float32":
    case "float64":
      return typeof value === "number" ? undefined : `expected a number for ${type}, got ${typeof value}`;
  }
  // Integers: the common case (a safe integer in range) is checked without BigInt.
  const range = INTEGER_RANGES[type] as readonly [bigint, bigint];
  if (typeof value === "number" && Number.isSafeInteger(value)) {
    if (value >= Number(range[0]) && value <= Number(range[1])) return undefined;
    return `${value} does not fit in ${type}`;
  }
  if (typeof value === "bigint" && (type === "uint64" || type === "int64")) {
    if (value >= range[0] && value <= range[1]) return undefined;
    return `${value} does not fit in ${type}`;
  }
  return `expected an integer for ${type}, got ${String(value)}`;
}
